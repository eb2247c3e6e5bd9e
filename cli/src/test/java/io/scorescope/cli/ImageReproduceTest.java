package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.data.ImageSets;
import io.scorescope.experiment.Claim;
import io.scorescope.experiment.Experiment;
import io.scorescope.experiment.ImageBudget;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scorescope reproduce --data digits} on the hidden tiny budget (100 steps, MLP 4 x 32, 4 sequences x 4
 * levels): the summary has the manifold run's claim keys, the image figures and tables are written, the report
 * passes the browser check, and the same seed gives the same numbers.
 */
class ImageReproduceTest {
    @TempDir static Path shared;
    private static Path first;
    private static JsonNode summary;

    @BeforeAll
    static void runOnce() throws IOException {
        first = shared.resolve("first");
        assertEquals(0, CliRun.of("reproduce", "--data", "digits", "--budget", "tiny", "--seed", "3", "--out", first.toString()).code());
        summary = Json.MAPPER.readTree(first.resolve(ReproduceCommand.SUMMARY).toFile());
    }

    @Test
    void summaryHasTheClaimKeysOfTheManifoldRun() {
        assertEquals("digits", summary.get("data").asText());
        assertEquals("images", summary.get("kind").asText());
        assertEquals(64, summary.get("ambient_dim").asInt());
        assertTrue(summary.get("seconds").isNumber() && summary.get("quick").isBoolean());
        JsonNode claims = summary.get("claims");
        List<String> keys = new ArrayList<>();
        claims.fieldNames().forEachRemaining(keys::add);
        assertEquals(java.util.Arrays.stream(Claim.values()).map(Claim::key).toList(), keys);
        claims.fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            assertEquals(!c.get("verdict").asText().equals("not evaluated"), c.get("holds").isBoolean(), e.getKey());
            assertEquals(c.get("holds").isNull(), c.get("reason").isTextual(), e.getKey());
            assertTrue(c.get("rule").isTextual(), e.getKey());
        });
        for (String k : List.of("A2_dimension_rises", "A3_nonconservative_within", "A4_normal_projection", "A5_effective_overlap")) {
            assertTrue(claims.get(k).get("exact").isNull(), k + ": no exact field on images");
            JsonNode control = claims.get(k).get("control");
            assertTrue(control.get("holds").isBoolean() || control.get("verdict").asText().equals("not evaluated"), k + ": " + control);
        }
        JsonNode a4 = claims.get("A4_normal_projection").get("normal_block_norm_median");
        assertTrue(a4.isNumber() || a4.isNull(), "undefined when the tiny model keeps every feature at small sigma");
        assertTrue(claims.get("A5_effective_overlap").get("ess_training_median").isNumber());
        assertTrue(claims.get("A6_constrained_mixing").get("transport_ratio").isNumber());
        // two mixing levels, each measured with both rulers (the model's and the control's denoiser)
        assertEquals(4, claims.get("A6_constrained_mixing").get("per_sigma").size());
        assertEquals(List.of("model denoiser", "control denoiser", "model denoiser", "control denoiser"),
                java.util.stream.StreamSupport.stream(claims.get("A6_constrained_mixing").get("per_sigma").spliterator(), false)
                        .map(m -> m.get("ruler").asText()).toList());
        JsonNode q = summary.get("sample_quality");
        assertTrue(q.get("memorisation").get("memorisation_ratio").isNumber());
        assertTrue(q.get("classifier").get("heldout_accuracy").asDouble() > 0.5, "the classifier learns the digits");
        assertTrue(q.get("classifier").get("on_samples").get("mean_confidence").isNumber());
        JsonNode defs = summary.get("provenance").get("definitions");
        assertTrue(defs.get("constrained_mixing").asText().contains("denoiser"), "the manifold-free mixing variant is the one defined");
        assertTrue(defs.get("subspaces").asText().contains("no true manifold"));
    }

    @Test
    void writesImageFiguresAndTables() throws IOException {
        for (String f : List.of("report.html", "provenance.json", "model/model.safetensors", "control/model.safetensors",
                "figures/sample-grid.png", "figures/sequence-strips.png", "figures/local-features.png", "figures/a5-posterior.png",
                "figures/a2-dim.png", "tables/A6_constrained_mixing.csv"))
            assertTrue(Files.size(first.resolve(f)) > 0, f);
        List<String> lines = Files.readAllLines(first.resolve("tables/analysis.csv"));
        List<String> header = new ArrayList<>(List.of("sequence", "level"));
        header.addAll(PointAnalysis.csvHeader(64));
        assertEquals(String.join(",", header), lines.get(0));
        assertEquals(1 + ImageBudget.TINY.sequences() * ImageBudget.TINY.levels(), lines.size());
    }

    @Test
    void sameSeedGivesIdenticalNumbers() throws IOException {
        Path again = shared.resolve("again");
        assertEquals(0, CliRun.of("reproduce", "--data", "digits", "--budget", "tiny", "--seed", "3", "--out", again.toString()).code());
        JsonNode b = Json.MAPPER.readTree(again.resolve(ReproduceCommand.SUMMARY).toFile());
        assertEquals(summary.get("claims"), b.get("claims"));
        assertEquals(summary.get("sample_quality"), b.get("sample_quality"));
    }

    @Test
    void evaluateOnTheImageModelGivesMemorisationClassifierAndGrid() throws IOException {
        Path grid = shared.resolve("grid.png");
        CliRun r = CliRun.of("evaluate", "--model", first.resolve(Experiment.MODEL_DIR).toString(), "--n", "16", "--steps", "10",
                "--schedule", "karras", "--json", "--grid", grid.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode q = Json.MAPPER.readTree(r.out());
        assertEquals(16, q.get("n").asInt());
        assertEquals("reverse-sde karras 10", q.get("sampler").asText() + " " + q.get("schedule").asText() + " " + q.get("steps").asInt(), q.toString());
        assertEquals("digits", q.get("data").asText());
        double ratio = q.get("memorisation").get("memorisation_ratio").asDouble();
        assertEquals(ratio, q.get("memorisation").get("sample_nn_distance_median").asDouble()
                / q.get("memorisation").get("heldout_nn_distance_median").asDouble(), 1e-12);
        assertTrue(q.get("classifier").get("heldout_accuracy").asDouble() > 0.8, q.toString());   // pixel softmax on 8x8 digits
        int total = 0;
        for (JsonNode c : q.get("classifier").get("on_samples").get("predicted_class_counts")) total += c.asInt();
        assertEquals(16, total);
        // the vote of the 10 nearest training digits: a class for every sample and every one of the 359 held-out digits
        JsonNode vote = q.get("neighbour_vote");
        assertEquals(10, vote.get("k").asInt(), vote.toString());
        int voted = 0, heldOutVoted = 0;
        for (JsonNode c : vote.get("on_samples").get("predicted_class_counts")) voted += c.asInt();
        for (JsonNode c : vote.get("on_heldout").get("predicted_class_counts")) heldOutVoted += c.asInt();
        assertEquals(16, voted);
        assertEquals(359, heldOutVoted);
        assertTrue(vote.get("heldout_accuracy").asDouble() > 0.9, vote.toString());   // 10-NN on 8x8 digits
        double share = vote.get("on_heldout").get("mean_vote_share").asDouble();
        assertTrue(share > 0.5 && share <= 1, vote.toString());
        assertDenoisingTable(q, "stored");
        // the start's distance from p_sigma_max of the 1438 training digits, at the model's sigma_max
        JsonNode gap = q.get("prior_gap");
        assertEquals("moments", gap.get("prior").asText(), gap.toString());
        assertEquals(1438, gap.get("training_points").asInt());
        assertEquals(io.scorescope.evaluate.PriorGap.DEFAULT_DRAWS, gap.get("draws").asInt());
        assertEquals(Json.read(first.resolve(Experiment.MODEL_DIR).resolve("provenance.json")).at("/config/training/sigma_max").asDouble(),
                gap.get("sigma_max").asDouble(), 0, gap.toString());
        assertTrue(Double.isFinite(gap.get("kl_nats").asDouble()) && gap.get("kl_nats").asDouble() > -4 * gap.get("standard_error").asDouble(), gap.toString());
        byte[] png = Files.readAllBytes(grid);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        Path file = Files.writeString(shared.resolve("plain.txt"), "x");   // a folder under a regular file cannot exist
        CliRun bad = CliRun.of("evaluate", "--model", first.resolve(Experiment.MODEL_DIR).toString(), "--n", "4", "--steps", "2",
                "--grid", file.resolve("g.png").toString());
        assertEquals(2, bad.code(), bad.toString());
        assertEquals(1, bad.textLines().size(), bad.toString());
    }

    /**
     * The "denoising" rows of evaluate --json: sigma 0.05..1, finite ratios; with common random numbers the identity's
     * ratio is one number (the mean of eps^2 over 359 x 64 draws: 1 within 5 sd = 5 sqrt(2 / 22976) < 0.05), and at
     * sigma = 1 the Wiener filter removes much of the noise.
     */
    private static void assertDenoisingTable(JsonNode q, String moments) {
        JsonNode rows = q.get("denoising");
        assertEquals(5, rows.size(), q.toString());
        double[] sigmas = {0.05, 0.1, 0.2, 0.5, 1.0};
        for (int i = 0; i < 5; i++) {
            JsonNode r = rows.get(i);
            assertEquals(sigmas[i], r.get("sigma").asDouble());
            for (String k : List.of("model_mse_ratio", "wiener_mse_ratio", "identity_mse_ratio"))
                assertTrue(r.get(k).isNumber() && Double.isFinite(r.get(k).asDouble()) && r.get(k).asDouble() >= 0, k + ": " + r);
            assertEquals(rows.get(0).get("identity_mse_ratio").asDouble(), r.get("identity_mse_ratio").asDouble(), 1e-12);   // round-off of (x0 + sigma eps - x0)^2 / sigma^2
        }
        assertEquals(1, rows.get(0).get("identity_mse_ratio").asDouble(), 0.05);
        assertTrue(rows.get(4).get("wiener_mse_ratio").asDouble() < 0.5, rows.toString());
        assertEquals(359, q.get("denoising_setup").get("heldout_images").asInt());
        assertTrue(q.get("denoising_setup").get("wiener").asText().startsWith(moments), q.get("denoising_setup").toString());
    }

    /** A model folder without the stored training moments (written before them) gets them from its data: same table. */
    @Test
    void evaluateWithoutStoredMomentsComputesTheSameTableAndPrintsIt() throws IOException {
        Path model = first.resolve(Experiment.MODEL_DIR), older = shared.resolve("older-model");
        Files.createDirectories(older);
        assertTrue(Files.exists(model.resolve(io.scorescope.training.DataMoments.FILE)), "reproduce stores the moments");
        for (String f : List.of("model.safetensors", "loss.csv", "provenance.json")) Files.copy(model.resolve(f), older.resolve(f));
        String[] args = {"--n", "4", "--steps", "2", "--json"};
        CliRun a = CliRun.of(concat("evaluate", "--model", model.toString(), args)), b = CliRun.of(concat("evaluate", "--model", older.toString(), args));
        assertEquals(0, a.code(), a.toString());
        assertEquals(0, b.code(), b.toString());
        JsonNode qa = Json.MAPPER.readTree(a.out()), qb = Json.MAPPER.readTree(b.out());
        assertDenoisingTable(qa, "stored");
        assertDenoisingTable(qb, "computed");
        assertEquals(qa.get("denoising"), qb.get("denoising"));
        // other levels: the rows follow --denoising-sigmas, and a level shared with the default table has the same row
        // (one noise matrix serves every level)
        CliRun c = CliRun.of(concat("evaluate", "--model", model.toString(), new String[] {"--n", "4", "--steps", "2", "--json", "--denoising-sigmas", "2,0.1"}));
        assertEquals(0, c.code(), c.toString());
        JsonNode rc = Json.MAPPER.readTree(c.out()).get("denoising");
        assertEquals(2, rc.size(), rc.toString());
        assertEquals(2.0, rc.get(0).get("sigma").asDouble());
        assertEquals(qa.get("denoising").get(1), rc.get(1));
        CliRun text = CliRun.of("evaluate", "--model", older.toString(), "--n", "4", "--steps", "2");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().contains("held-out denoising, MSE / sigma^2 per pixel (359 test images"), text.out());
        // five rows of four significant digits: 1.000, 0.1749, 0.0007234
        assertEquals(5, text.out().lines().filter(l -> l.matches("\\s+[01]\\.\\d+( +(\\d\\.\\d{3}|0\\.0*[1-9]\\d{3})){3}")).count(), text.out());
        assertEquals(1, text.out().lines().filter(l -> l.startsWith("prior gap: KL(p_sigma_max || moments prior) = ")).count(), text.out());
        assertEquals(1, text.out().lines().filter(l -> l.matches("vote of the 10 nearest training images: held-out accuracy 0\\.\\d{3}; "
                + "mean winning share on samples \\d\\.\\d{3} \\(held-out \\d\\.\\d{3}\\); voted classes of the samples: \\[.*\\]")).count(), text.out());
    }

    private static String[] concat(String a, String b, String c, String[] rest) {
        String[] out = new String[3 + rest.length];
        out[0] = a;
        out[1] = b;
        out[2] = c;
        System.arraycopy(rest, 0, out, 3, rest.length);
        return out;
    }

    /** Reusing the run's own checkpoints (data taken from the model) retraces the run: same claims, same quality. */
    @Test
    void givenModelAndControlAreReusedAndGiveTheSameNumbers() throws IOException {
        Path reuse = shared.resolve("reuse");
        CliRun r = CliRun.of("reproduce", "--budget", "tiny", "--seed", "3", "--model", first.resolve(Experiment.MODEL_DIR).toString(),
                "--control", first.resolve(Experiment.CONTROL_DIR).toString(), "--out", reuse.toString());
        assertEquals(0, r.code(), r.toString());
        // nothing trained: the given checkpoints are copied as they are, so that the run folder is self-contained
        assertEquals(Files.readString(first.resolve(Experiment.MODEL_DIR).resolve("loss.csv")),
                Files.readString(reuse.resolve(Experiment.MODEL_DIR).resolve("loss.csv")));
        JsonNode b = Json.MAPPER.readTree(reuse.resolve(ReproduceCommand.SUMMARY).toFile());
        assertEquals(summary.get("claims"), b.get("claims"));
        assertEquals(summary.get("sample_quality"), b.get("sample_quality"));
        assertTrue(b.get("provenance").get("config").get("model_given").asBoolean());
    }

    @Test
    void givenModelsMustFitTheData() {
        String model = first.resolve(Experiment.MODEL_DIR).toString();
        for (String[] a : new String[][] {
                {"reproduce", "--data", "mnist", "--budget", "tiny", "--model", model, "--out", shared.resolve("x").toString()},
                {"reproduce", "--data", "digits", "--budget", "tiny", "--control", model, "--out", shared.resolve("x").toString()}}) {
            CliRun r = CliRun.of(a);
            assertEquals(2, r.code(), r.toString());
            assertEquals(1, r.textLines().size(), r.toString());
        }
        assertFalse(Files.exists(shared.resolve("x")));
    }

    @Test
    void reportPassesTheBrowserCheck() throws IOException {
        Reports.assertRendersCleanly(first.resolve("report.html"), "image-reproduce-screens");
    }

    @Test
    void heldOutSpecIsTheTestSplitOfTheSameSelection() {
        assertEquals("digits:split=test", ImageSets.testSpec("digits"));
        assertEquals("mnist:digits=0,1,n=500,split=test", ImageSets.testSpec("mnist:digits=0,1,n=500"));
        assertEquals("digits:split=test", ImageSets.testSpec("digits:split=train"));
        assertThrows(InputException.class, () -> ImageSets.testSpec("digits:split=all"));
    }

    /** A TorchScript export of the digits model, given with --model-file and --data, gives the checkpoint's verdicts. */
    @Test
    void anExportedModuleGivesTheVerdictsOfItsCheckpoint() throws IOException {
        Path pt = shared.resolve("exported.pt"), viaFile = shared.resolve("via-file");
        assertEquals(0, CliRun.of("export", "--model", first.resolve(Experiment.MODEL_DIR).toString(), "--out", pt.toString(),
                "--output", "score").code());
        CliRun r = CliRun.of("reproduce", "--data", "digits", "--budget", "tiny", "--seed", "3", "--model-file", pt.toString(),
                "--control", first.resolve(Experiment.CONTROL_DIR).toString(), "--out", viaFile.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode b = Json.MAPPER.readTree(viaFile.resolve(ReproduceCommand.SUMMARY).toFile());
        for (Claim c : Claim.values()) {
            JsonNode x = summary.get("claims").get(c.key()), y = b.get("claims").get(c.key());
            assertEquals(x.get("holds"), y.get("holds"), c.key());
        }
        assertEquals("torchscript", b.get("models").get("model").get("source").asText());
        assertTrue(Files.exists(viaFile.resolve(Experiment.MODEL_FILE)));
    }

    @Test
    void aModuleNeedsTheDataItWasTrainedOnWithExitTwo(@TempDir Path dir) {
        CliRun r = CliRun.of("reproduce", "--budget", "tiny", "--model-file", dir.resolve("m.pt").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.textLines().size(), r.toString());
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
