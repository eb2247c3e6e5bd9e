package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.experiment.ReferenceModels;
import io.scorescope.io.Json;
import io.scorescope.training.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce} with a folder of reference models (what the launcher passes as -Dscorescope.models): a pair whose
 * recorded data matches is adopted instead of trained; a pair whose file fails its SHA-256 check stops the run with
 * one line and exit 2; {@code --retrain} ignores the pair.
 */
class ReferenceModelsCliTest {
    private static final String DATA = "digits:digits=0,1,n=100";

    @AfterEach
    void clearProperty() { System.clearProperty(ReferenceModels.PROPERTY); }

    /** models/digits/{model,control} trained by the train command on DATA, as a user would ship them. */
    private static Path ship(Path root) {
        Path models = root.resolve("models");
        String[] common = {"--data", DATA, "--steps", "3", "--batch", "16", "--hidden", "16", "--depth", "2", "--param", "edm", "--seed", "1"};
        assertEquals(0, CliRun.of(concat(new String[] {"train", "--out", models.resolve("digits/model").toString()}, common)).code());
        assertEquals(0, CliRun.of(concat(new String[] {"train", "--model", "energy", "--out", models.resolve("digits/control").toString()}, common)).code());
        System.setProperty(ReferenceModels.PROPERTY, models.toString());
        return models;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aMatchingPairIsAdoptedWithItsRecordedChecksums(@TempDir Path root) throws Exception {
        Path models = ship(root);
        Path out = root.resolve("run");
        CliRun r = CliRun.of("reproduce", "--data", DATA, "--budget", "tiny", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("models: reference models from " + models.resolve("digits")), r.out());
        JsonNode prov = Json.read(out.resolve(ReproduceCommand.PROVENANCE));
        assertTrue(prov.path("config").path("models").asText().startsWith("reference models"), prov.path("config").toString());
        assertTrue(r.err().contains("estimated cost: analysis ~ "), "the cost estimate is printed before the long stages");
        JsonNode cost = prov.path("config").path("cost_estimate");
        for (String k : new String[] {"analysis_seconds", "mixing_seconds", "sample_quality_seconds", "probe_seconds"})
            assertTrue(cost.path(k).asDouble() > 0, k + " in " + cost);
        JsonNode copied = Json.read(out.resolve("model/provenance.json")).path("training_record");
        assertEquals(3, copied.path("steps").asInt(), "the shipped model, not a newly trained one (tiny trains 100 steps)");
        assertTrue(copied.path("commands").get(0).asText().startsWith("scorescope train --out "), copied.toString());
    }

    @Test
    void aCorruptedPairStopsTheRunUnlessRetrainIsGiven(@TempDir Path root) throws Exception {
        Path models = ship(root);
        Path weights = models.resolve("digits/model").resolve(Checkpoint.WEIGHTS);
        byte[] b = Files.readAllBytes(weights);
        b[b.length - 1] ^= 4;
        Files.write(weights, b);
        CliRun bad = CliRun.of("reproduce", "--data", DATA, "--budget", "tiny", "--out", root.resolve("bad").toString());
        assertEquals(2, bad.code(), bad.toString());
        assertEquals(1, bad.messages().size(), bad.toString());
        assertTrue(bad.messages().get(0).contains("fails its SHA-256 check") && bad.messages().get(0).contains(weights.toString()), bad.toString());
        assertFalse(bad.err().contains("\tat "), "no stack trace");

        CliRun retrained = CliRun.of("reproduce", "--data", DATA, "--budget", "tiny", "--retrain", "--out", root.resolve("ok").toString());
        assertEquals(0, retrained.code(), retrained.toString());
        assertTrue(retrained.out().contains("models: trained"), retrained.out());
    }
}
