package io.scorescope.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ImageSets;
import io.scorescope.data.TrainingData;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.io.Sha256;
import io.scorescope.model.ModelSpec;
import io.scorescope.training.Checkpoint;
import io.scorescope.training.DataMoments;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * A model folder as {@code scorescope train} and {@code reproduce} write it: the checkpoint and loss history of
 * {@link Trainer}, provenance.json (model spec, training configuration, data, definitions, and the training record:
 * the commands that trained it, steps, wall time and the SHA-256 of its files) and, for image data, the training mean
 * and covariance ({@link DataMoments}, for the held-out Wiener baseline).
 */
public final class ModelFolder {
    public static final String PROVENANCE = "provenance.json", RECORD = "training_record";

    private ModelFolder() {}

    /** Trains a new model into dir; {@code command} (the invocation, for provenance) may be null. */
    public static Trainer.Result train(Path dir, ModelSpec spec, TrainingData data, TrainConfig cfg, Trainer.Listener listener,
                                       String command) {
        AtomicFiles.ensureWritableDir(dir);
        if (ImageSets.isImageData(data.info())) DataMoments.of(data.points()).write(dir, data.info());
        writeProvenance(dir, spec, cfg, data, commands(null, command));   // written first: an interrupted run keeps its command
        Trainer.Result r = Trainer.train(dir, spec, data.points(), data.info(), cfg, listener);
        writeProvenance(dir, spec, cfg, data, commands(null, command));
        return r;
    }

    /** {@link #train(Path, ModelSpec, TrainingData, TrainConfig, Trainer.Listener, String)} without a command. */
    public static Trainer.Result train(Path dir, ModelSpec spec, TrainingData data, TrainConfig cfg, Trainer.Listener listener) {
        return train(dir, spec, data, cfg, listener, null);
    }

    /**
     * Continues the run saved in dir up to its configured step count on its training data ({@code data}, as recreated
     * from the checkpoint's description); appends {@code command} to the record.
     */
    public static Trainer.Result resume(Path dir, TrainingData data, Trainer.Listener listener, String command) {
        Checkpoint.Loaded c = Checkpoint.load(dir);
        ArrayNode commands = commands(dir, command);
        writeProvenance(dir, c.model().spec(), c.config(), data, commands);
        Trainer.Result r = Trainer.resume(dir, data.points(), listener);
        writeProvenance(dir, c.model().spec(), c.config(), data, commands);
        return r;
    }

    /**
     * Checks every file the folder's training record lists against its recorded SHA-256. A folder without a record,
     * or a file that differs, is an {@link InputException} naming the file.
     */
    public static void verify(Path dir) {
        JsonNode sums = Json.read(dir.resolve(PROVENANCE)).path(RECORD).path("sha256");
        if (!sums.isObject() || sums.isEmpty()) throw new InputException(dir + ": provenance.json records no SHA-256 of the model files");
        for (Iterator<Map.Entry<String, JsonNode>> it = sums.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Path file = dir.resolve(e.getKey());
            if (!Files.exists(file)) throw new InputException(file + " is missing (listed with its SHA-256 in " + dir.resolve(PROVENANCE) + ")");
            String got = Sha256.of(file);
            if (!got.equals(e.getValue().asText()))
                throw new InputException(file + " fails its SHA-256 check (recorded " + e.getValue().asText() + ", found " + got + ")");
        }
    }

    /** The commands already recorded in dir's provenance (none when dir is null or has none), then {@code command}. */
    private static ArrayNode commands(Path dir, String command) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (dir != null && Files.exists(dir.resolve(PROVENANCE)))
            Json.read(dir.resolve(PROVENANCE)).path(RECORD).path("commands").forEach(out::add);
        if (command != null) out.add(command);
        return out;
    }

    /** The folder's provenance.json: model spec, training configuration, data, definitions and the training record. */
    private static void writeProvenance(Path dir, ModelSpec spec, TrainConfig cfg, TrainingData data, ArrayNode commands) {
        ObjectNode config = Json.object();
        config.set("model", spec.toJson());
        config.set("training", cfg.toJson());
        config.set("data", data.info());
        Map<String, String> used = new java.util.LinkedHashMap<>();
        used.put("dsm_loss", Definitions.DSM);
        used.put("parameterisation", spec.parameterisation().cliName() + ": " + spec.parameterisation().describe());
        ObjectNode prov = Definitions.define(Provenance.of("model", cfg.seed(), config), used).toJson();
        ObjectNode record = prov.putObject(RECORD);
        record.set("commands", commands);
        if (Files.exists(dir.resolve(Checkpoint.WEIGHTS))) {
            Checkpoint.Progress c = Checkpoint.progress(dir);
            record.put("steps", c.step());
            record.put("wall_seconds", Math.round(c.wallSeconds() * 1000) / 1000.0);
            ObjectNode sums = record.putObject("sha256");
            for (String f : new String[] {Checkpoint.WEIGHTS, DataMoments.FILE})
                if (Files.exists(dir.resolve(f))) sums.put(f, Sha256.of(dir.resolve(f)));
        }
        Json.write(dir.resolve(PROVENANCE), prov);
    }
}
