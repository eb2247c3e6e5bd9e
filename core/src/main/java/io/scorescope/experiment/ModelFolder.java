package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ImageSets;
import io.scorescope.data.TrainingData;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.model.ModelSpec;
import io.scorescope.training.DataMoments;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model folder as {@code scorescope train} and {@code reproduce} write it: the checkpoint and loss history of
 * {@link Trainer}, provenance.json (model spec, training configuration, data, definitions) and, for image data, the
 * training mean and covariance ({@link DataMoments}, for the held-out Wiener baseline).
 */
public final class ModelFolder {
    public static final String PROVENANCE = "provenance.json";

    private ModelFolder() {}

    /** Trains a new model into dir and writes its provenance. */
    public static Trainer.Result train(Path dir, ModelSpec spec, TrainingData data, TrainConfig cfg, Trainer.Listener listener) {
        AtomicFiles.ensureWritableDir(dir);
        if (ImageSets.isImageData(data.info())) DataMoments.of(data.points()).write(dir, data.info());
        Trainer.Result r = Trainer.train(dir, spec, data.points(), data.info(), cfg, listener);
        writeProvenance(dir, spec, cfg, data);
        return r;
    }

    /** The folder's provenance.json: model spec, training configuration and data. */
    public static void writeProvenance(Path dir, ModelSpec spec, TrainConfig cfg, TrainingData data) {
        ObjectNode config = Json.object();
        config.set("model", spec.toJson());
        config.set("training", cfg.toJson());
        config.set("data", data.info());
        Map<String, String> used = new java.util.LinkedHashMap<>();
        used.put("dsm_loss", Definitions.DSM);
        used.put("parameterisation", spec.parameterisation().cliName() + ": " + spec.parameterisation().describe());
        Provenance prov = Definitions.define(Provenance.of("model", cfg.seed(), config), used);
        Json.write(dir.resolve(PROVENANCE), prov.toJson());
    }
}
