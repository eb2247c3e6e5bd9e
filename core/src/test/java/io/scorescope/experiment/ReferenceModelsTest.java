package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.data.TrainingData;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.Sha256;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.training.Checkpoint;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference models: the training record (commands, steps, wall time, SHA-256) in a model folder's provenance, the
 * lookup by recorded data, and the SHA-256 check, on tiny folders; and the check of every model shipped in models/.
 */
class ReferenceModelsTest {
    private static final String DATA = "digits:digits=0,1,n=100";

    /** models/digits/{model,control} trained for a few steps on DATA (first run of 2 steps, resumed to 4). */
    private static TrainingData shipTinyPair(Path root) {
        TrainingData td = TrainingData.resolve(DATA, 2, 0);
        TrainConfig cfg = TrainConfig.DEFAULT.withSteps(4).withBatch(8).withSeed(3);
        for (String which : List.of(Experiment.MODEL_DIR, Experiment.CONTROL_DIR)) {
            Parameterisation p = which.equals(Experiment.MODEL_DIR) ? Parameterisation.EDM : Parameterisation.ENERGY_EDM;
            Path dir = root.resolve("digits").resolve(which);
            ModelFolder.train(dir, new ModelSpec(64, 8, 1, 2, p, td.sigmaData()), td, cfg.withSteps(2), Trainer.Listener.NONE, "first");
            // the folder's config says 2 steps; resume continues a checkpoint up to its own configured count, so a longer
            // run is a second train into a fresh folder: here we only check that resume appends its command
            ModelFolder.resume(dir, td, Trainer.Listener.NONE, "second");
        }
        return td;
    }

    @Test
    void provenanceRecordsCommandsStepsWallTimeAndChecksums(@TempDir Path root) {
        shipTinyPair(root);
        Path dir = root.resolve("digits/model");
        JsonNode rec = Json.read(dir.resolve(ModelFolder.PROVENANCE)).path(ModelFolder.RECORD);
        assertEquals(List.of("first", "second"), Json.MAPPER.convertValue(rec.path("commands"), List.class));
        assertEquals(2, rec.path("steps").asInt());
        assertTrue(rec.path("wall_seconds").asDouble() > 0, "wall time is recorded: " + rec);
        assertEquals(Sha256.of(dir.resolve(Checkpoint.WEIGHTS)), rec.path("sha256").path(Checkpoint.WEIGHTS).asText());
        ModelFolder.verify(dir);
    }

    @Test
    void matchingDataIsFoundAndVerifiedOtherDataIsNot(@TempDir Path root) {
        TrainingData td = shipTinyPair(root);
        ReferenceModels.Lookup found = ReferenceModels.find(root, td.info());
        assertTrue(found.pair().isPresent(), found.description());
        assertTrue(found.pair().get().control().checkpoint().orElseThrow().model().spec().parameterisation().conservative());

        ReferenceModels.Lookup other = ReferenceModels.find(root, TrainingData.resolve("digits:digits=0,1,n=90", 2, 0).info());
        assertFalse(other.pair().isPresent());
        assertTrue(other.description().contains("not on this data"), other.description());
        assertFalse(ReferenceModels.find(root, TrainingData.resolve("mnist:n=50", 2, 0).info()).pair().isPresent());

        // a folder that has not finished its configured steps is not used
        Path unfinished = root.resolve("digits/control");
        var prov = Json.read(unfinished.resolve(ModelFolder.PROVENANCE));
        ((com.fasterxml.jackson.databind.node.ObjectNode) prov.path("config").path("training")).put("steps", 10);
        Json.write(unfinished.resolve(ModelFolder.PROVENANCE), prov);
        ReferenceModels.Lookup training = ReferenceModels.find(root, td.info());
        assertFalse(training.pair().isPresent());
        assertTrue(training.description().contains("still training (step 2 of 10"), training.description());
        ((com.fasterxml.jackson.databind.node.ObjectNode) prov.path("config").path("training")).put("steps", 2);
        Json.write(unfinished.resolve(ModelFolder.PROVENANCE), prov);

        // the data's spec string and file paths are machine-specific and do not count
        var moved = td.info().deepCopy().put("spec", "digits:dir=/elsewhere");
        moved.path("files").forEach(f -> ((com.fasterxml.jackson.databind.node.ObjectNode) f).put("path", "/elsewhere/x"));
        assertTrue(ReferenceModels.find(root, moved).pair().isPresent());

        // a pair whose control is not shipped yet is not used, and the reason names the missing folder
        Path control = root.resolve("digits/control");
        assertTrue(control.toFile().renameTo(root.resolve("digits/control-aside").toFile()));
        ReferenceModels.Lookup half = ReferenceModels.find(root, td.info());
        assertFalse(half.pair().isPresent());
        assertTrue(half.description().contains("incomplete") && half.description().contains(control.toString()), half.description());
    }

    @Test
    void aCorruptedReferenceModelFailsItsChecksumWithOneClearMessage(@TempDir Path root) throws Exception {
        TrainingData td = shipTinyPair(root);
        Path weights = root.resolve("digits/control").resolve(Checkpoint.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 3] ^= 1;   // one flipped bit in the last tensor
        Files.write(weights, bytes);
        InputException e = assertThrows(InputException.class, () -> ReferenceModels.find(root, td.info()));
        assertTrue(e.getMessage().contains("fails its SHA-256 check") && e.getMessage().contains(weights.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** The three pairs are shipped, and every reference model in models/ matches the SHA-256 its provenance records. */
    @Test
    void shippedReferenceModelsPassTheirChecksums() throws Exception {
        Path models = Path.of(System.getProperty("user.dir")).getParent().resolve("models");
        List<Path> folders;
        try (Stream<Path> s = Files.exists(models) ? Files.walk(models, 2) : Stream.empty()) {
            folders = s.filter(p -> Files.exists(p.resolve(ModelFolder.PROVENANCE))).toList();
        }
        for (String set : List.of("digits", "mnist", "fashion-mnist"))
            for (String net : List.of("model", "control"))
                assertTrue(folders.contains(models.resolve(set).resolve(net)), set + "/" + net + " is shipped: " + folders);
        for (Path f : folders) ModelFolder.verify(f);
        assertEquals(folders.size(), folders.stream().filter(f -> Files.exists(f.resolve(Checkpoint.WEIGHTS))).count());
    }
}
