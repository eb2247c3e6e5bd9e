package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scorescope reproduce} on the hidden tiny budget (100 training steps, 4 sequences x 4 levels, 16 mixing
 * chains x 40 steps): the summary schema, the files, the report in a real browser, seed reproducibility, reuse of
 * the model folders, other manifolds, and one-line exit-2 errors for bad input.
 */
class ReproduceCommandTest {
    @TempDir static Path shared;
    private static Path first;
    private static JsonNode summary;

    @BeforeAll
    static void runOnce() throws IOException {
        first = shared.resolve("first");
        assertEquals(0, CliRun.of("reproduce", "--budget", "tiny", "--seed", "3", "--out", first.toString()).code());
        summary = Json.MAPPER.readTree(first.resolve(ReproduceCommand.SUMMARY).toFile());
    }

    @Test
    void summaryHasEveryRequiredKeyWithItsType() {
        assertTrue(summary.get("data").isTextual());
        assertEquals("sphere", summary.get("data").asText());
        assertTrue(summary.get("ambient_dim").isInt() && summary.get("ambient_dim").asInt() == 3);
        assertTrue(summary.get("manifold_dim").isInt() && summary.get("manifold_dim").asInt() == 2);
        assertTrue(summary.get("seconds").isNumber());
        assertTrue(summary.get("quick").isBoolean());
        JsonNode claims = summary.get("claims");
        assertEquals(List.of("A2_dimension_rises", "A2_spread_rises", "A3_nonconservative_within", "A4_normal_projection",
                "A5_effective_overlap", "A6_constrained_mixing"), fieldNames(claims));
        claims.fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            assertTrue(c.get("verdict").isTextual(), e.getKey());
            // holds is a boolean exactly when the claim was evaluated; a claim not evaluated says why
            assertEquals(!c.get("verdict").asText().equals("not evaluated"), c.get("holds").isBoolean(), e.getKey());
            assertEquals(c.get("holds").isNull(), c.get("reason").isTextual(), e.getKey());
            assertTrue(c.get("rule").isTextual(), e.getKey());
        });
        numbers(claims.get("A2_dimension_rises"), "spearman_median");
        numbers(claims.get("A2_spread_rises"), "difference", "sd_lower_half", "sd_upper_half");
        numberOrNull(claims.get("A3_nonconservative_within"), "r_tt_median", "r_nn_median", "tangent_share_median");
        numbers(claims.get("A3_nonconservative_within"), "tangent_share_baseline");
        numbers(claims.get("A4_normal_projection"), "normal_block_norm_median", "leakage_median");
        numberOrNull(claims.get("A5_effective_overlap"), "overlap_median", "normalised_overlap_median", "random_baseline");
        numbers(claims.get("A6_constrained_mixing"), "transport_ratio", "distance_ratio");
        assertEquals(2, claims.get("A6_constrained_mixing").get("per_sigma").size());
        for (String side : List.of("exact", "control"))
            for (String claim : List.of("A2_dimension_rises", "A3_nonconservative_within", "A4_normal_projection", "A5_effective_overlap"))
                assertTrue(claims.get(claim).get(side).get("holds").isBoolean()
                        || claims.get(claim).get(side).get("verdict").asText().equals("not evaluated"), claim + " " + side);
        // the exact field is symmetric: A3 cannot hold for it, and its normal block vanishes at small sigma
        assertFalse(claims.get("A3_nonconservative_within").get("exact").get("verdict").asText().equals("holds"));
        assertTrue(claims.get("A4_normal_projection").get("exact").get("normal_block_norm_median").asDouble() < 0.01);
        numbers(summary.get("sample_quality"), "distance_median", "excess_loss");
        assertTrue(summary.get("provenance").get("definitions").has("local_dim"));
    }

    @Test
    void writesReportFiguresTablesProvenanceAndModelFolders() throws IOException {
        for (String f : List.of("report.html", "provenance.json", "model/model.safetensors", "control/model.safetensors",
                "figures/figure1.png", "figures/a2-dim.png", "tables/A6_constrained_mixing.csv"))
            assertTrue(Files.size(first.resolve(f)) > 0, f);
        List<String> lines = Files.readAllLines(first.resolve("tables/analysis.csv"));
        List<String> header = new ArrayList<>(List.of("sequence", "level"));
        header.addAll(PointAnalysis.csvHeader(3));
        assertEquals(String.join(",", header), lines.get(0));
        assertEquals(1 + io.scorescope.experiment.Budget.TINY.sequences() * io.scorescope.experiment.Budget.TINY.levels(), lines.size());
        try (Stream<Path> s = Files.list(first)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void sameSeedGivesIdenticalNumbersAndReusedModelsReproduceThem() throws IOException {
        Path again = shared.resolve("again"), reused = shared.resolve("reused");
        assertEquals(0, CliRun.of("reproduce", "--budget", "tiny", "--seed", "3", "--out", again.toString()).code());
        assertSameNumbers(summary, Json.MAPPER.readTree(again.resolve(ReproduceCommand.SUMMARY).toFile()));
        assertEquals(0, CliRun.of("reproduce", "--budget", "tiny", "--seed", "3", "--model", first.resolve("model").toString(),
                "--control", first.resolve("control").toString(), "--out", reused.toString()).code());
        assertSameNumbers(summary, Json.MAPPER.readTree(reused.resolve(ReproduceCommand.SUMMARY).toFile()));
        assertTrue(Files.exists(reused.resolve("model/model.safetensors")), "reused model copied into the output");
    }

    @Test
    void anotherSeedGivesOtherNumbersAndNegativeSeedsAreFine() throws IOException {
        Path other = shared.resolve("other");
        assertEquals(0, CliRun.of("reproduce", "--budget", "tiny", "--seed", "-4", "--model", first.resolve("model").toString(),
                "--control", first.resolve("control").toString(), "--out", other.toString()).code());
        JsonNode o = Json.MAPPER.readTree(other.resolve(ReproduceCommand.SUMMARY).toFile());
        assertFalse(o.get("sample_quality").equals(summary.get("sample_quality")), "the seed must drive sampling");
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "ksphere:k=2,D=5", "torus", "mixed"})
    void everyBuiltInKindOfManifoldRuns(String data, @TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("reproduce", "--budget", "tiny", "--data", data, "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode s = Json.MAPPER.readTree(dir.resolve(ReproduceCommand.SUMMARY).toFile());
        assertEquals(data, s.get("data").asText());
        assertEquals(6, s.get("claims").size());
        assertTrue(Files.exists(dir.resolve("figures/figure1.png")));
    }

    @Test
    void reportPassesTheBrowserCheck() throws IOException {
        Reports.assertRendersCleanly(first.resolve("report.html"), "reproduce-screens");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path points = Files.writeString(dir.resolve("points.csv"), "1,2,3\n4,5,6\n7,8,9\n");
        List<String[]> bad = List.of(
                new String[] {"reproduce", "--budget", "tiny", "--data", "nosuchthing", "--out", dir.resolve("a").toString()},
                new String[] {"reproduce", "--budget", "tiny", "--out", file.resolve("sub").toString()},
                new String[] {"reproduce", "--budget", "tiny", "--model", dir.resolve("missing").toString(), "--out", dir.resolve("b").toString()},
                new String[] {"reproduce", "--budget", "tiny", "--control", first.resolve("model").toString(), "--out", dir.resolve("c").toString()},
                new String[] {"reproduce", "--budget", "tiny", "--data", "torus", "--model", first.resolve("model").toString(), "--out", dir.resolve("d").toString()},
                new String[] {"reproduce", "--budget", "huge", "--out", dir.resolve("e").toString()},
                new String[] {"reproduce", "--budget", "tiny", "--data", points.toString(), "--out", dir.resolve("f").toString()});
        for (String[] args : bad) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            List<String> lines = r.textLines();
            assertEquals(1, lines.size(), String.join(" ", args) + ": " + r.err());
            assertTrue(lines.get(0).startsWith("scorescope: "), lines.get(0));
        }
        for (String sub : List.of("a", "b", "c", "d", "e", "f"))
            assertFalse(Files.exists(dir.resolve(sub).resolve(ReproduceCommand.SUMMARY)), sub);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------


    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void numbers(JsonNode o, String... keys) {
        for (String k : keys) assertTrue(o.has(k) && o.get(k).isNumber(), k + " in " + o);
    }

    private static void numberOrNull(JsonNode o, String... keys) {
        for (String k : keys) assertTrue(o.has(k) && (o.get(k).isNumber() || o.get(k).isNull()), k + " in " + o);
    }

    private static void assertSameNumbers(JsonNode a, JsonNode b) {
        assertEquals(a.get("claims"), b.get("claims"));
        assertEquals(a.get("sample_quality"), b.get("sample_quality"));
    }
}
