package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ImageSets;
import io.scorescope.data.TrainingData;
import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.io.Sha256;
import io.scorescope.io.Json;
import io.scorescope.model.TorchScriptField;
import io.scorescope.sde.Prior;
import io.scorescope.sde.TorchScriptSpec;
import io.scorescope.training.Checkpoint;
import io.scorescope.training.DataMoments;
import io.scorescope.training.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The model a command samples or analyses: a Scorescope model folder ({@code --model DIR}) or a TorchScript module
 * trained elsewhere ({@code --model-file PATH}), as a {@link ScoreField} plus what provenance records about it.
 * Only a checkpoint knows its training configuration (noise range, steps, loss history) and its training data.
 *
 * @param field      the score field every stage evaluates
 * @param info       the provenance entry of the model ("source": "checkpoint" or "torchscript")
 * @param checkpoint the loaded folder, for a Scorescope model
 */
public record ModelSource(ScoreField field, ObjectNode info, Optional<Checkpoint.Loaded> checkpoint) {

    public static ModelSource fromCheckpoint(Path dir) {
        if (!Files.exists(dir)) throw new InputException("model folder " + dir + " does not exist");
        return of(dir, Checkpoint.load(dir));
    }

    /** A checkpoint already loaded from dir. */
    public static ModelSource of(Path dir, Checkpoint.Loaded c) {
        ObjectNode o = Json.object().put("source", "checkpoint").put("path", dir.toAbsolutePath().toString());
        o.set("spec", c.model().spec().toJson());
        o.set("training", c.config().toJson());
        o.put("step", c.step());
        o.set("data", c.data());
        return new ModelSource(c.model(), o, Optional.of(c));
    }

    /** {@code spec}: PATH[:score|eps|denoiser|energy][:ve|vp|vp=BMIN,BMAX][:dim=D|:shape=C,H,W], as after {@code torchscript:}. */
    public static ModelSource fromTorchScript(String spec) {
        TorchScriptField f = TorchScriptSpec.fromSpec(spec);
        Path file = f.file();
        ObjectNode o = Json.object().put("source", "torchscript").put("path", file.toAbsolutePath().toString())
                .put("sha256", Sha256.of(file)).put("spec", spec).put("output", f.kind().cliName())
                .put("frame", f.frame().describe()).put("field", f.describe());
        return new ModelSource(f, o, Optional.empty());
    }

    public int dim() { return field.dim(); }

    public boolean isCheckpoint() { return checkpoint.isPresent(); }

    public Optional<TrainConfig> trainConfig() { return checkpoint.map(Checkpoint.Loaded::config); }

    /** The recorded description of the training data (checkpoints only). */
    public Optional<ObjectNode> dataInfo() { return checkpoint.map(Checkpoint.Loaded::data); }

    /** What --data names for a data description: the manifold spec, or the file path. */
    public static String dataSpec(ObjectNode info) { return info.path("spec").asText(info.path("path").asText("?")); }

    /**
     * The data the model was trained on: a checkpoint's recorded data ({@code data}, when given, must name the same),
     * else {@code data} drawn as {@code scorescope train --data --n-train --seed} would, else empty.
     */
    public Optional<TrainingData> trainingData(String data, int n, long seed) {
        if (dataInfo().isPresent()) {
            ObjectNode info = dataInfo().get();
            if (data != null && !data.equals(dataSpec(info)))
                throw new InputException("--data " + data + " but the model was trained on " + dataSpec(info));
            return Optional.of(TrainingData.fromInfo(info));
        }
        return Optional.ofNullable(data).map(d -> TrainingData.resolve(d, n, seed));
    }

    /**
     * The noise range to sample over, {min, max}: a checkpoint's training range; for a module (which does not record
     * it) the range reproduce would have trained on for its data ({@link DataKind#sigmaRange}), asked of
     * {@code fallback} only then.
     */
    public double[] sigmaRange(Supplier<double[]> fallback) {
        if (trainConfig().isPresent()) return new double[] {trainConfig().get().sigmaMin(), trainConfig().get().sigmaMax()};
        return fallback.get();
    }

    /**
     * The mean and covariance of the training data ({@link DataMoments}): stored in a model folder when it was trained,
     * else (an older folder, or a module) computed from {@code data}, the data it was trained on; both give the same numbers.
     */
    public DataMoments trainingMoments(TrainingData data) { return storedMoments().orElseGet(() -> DataMoments.of(data.points())); }

    private Optional<DataMoments> storedMoments() {
        if (checkpoint.isEmpty()) return Optional.empty();
        Path p = Path.of(info.path("path").asText());
        return DataMoments.read(Files.isRegularFile(p) ? p.toAbsolutePath().getParent() : p, dim(), checkpoint.get().data());
    }

    /**
     * Where sampling starts ({@link Prior}): on image data N(mu, Sigma + sigma_max^2 I) from the training moments
     * ({@link #trainingMoments}); on manifolds N(0, sigma_max^2 I), since sigma_max = 2 s there covers the data.
     */
    public Prior samplerPrior(TrainingData data) { return samplerPrior(() -> Optional.of(data)); }

    /**
     * The same when the data may be unknown (a module without --data: isotropic). {@code data} is asked only when the
     * checkpoint does not record its data or store its moments, so a folder with stored moments samples without them.
     */
    public Prior samplerPrior(Supplier<Optional<TrainingData>> data) {
        Optional<ObjectNode> trainedOn = dataInfo().or(() -> data.get().map(TrainingData::info));
        if (trainedOn.isEmpty() || !ImageSets.isImageData(trainedOn.get())) return Prior.ISOTROPIC;
        return momentsPrior(data);
    }

    /**
     * The prior called {@code kind}: null for the default above, or one of {@link Prior#KINDS}. "moments" uses the
     * stored moments when there are any; "data" (and "moments" without stored moments) needs the training data.
     */
    public Prior samplerPrior(String kind, Supplier<Optional<TrainingData>> data) {
        if (kind == null) return samplerPrior(data);
        return switch (Prior.checkKind(kind)) {
            case "isotropic" -> Prior.ISOTROPIC;
            case "moments" -> momentsPrior(data);
            default -> Prior.noisedData(requireData(data, kind).points());
        };
    }

    private Prior momentsPrior(Supplier<Optional<TrainingData>> data) {
        DataMoments m = storedMoments().orElseGet(() -> DataMoments.of(requireData(data, "moments").points()));
        return Prior.moments(m.mean(), m.covariance());
    }

    private static TrainingData requireData(Supplier<Optional<TrainingData>> data, String kind) {
        return data.get().orElseThrow(() -> new InputException("the " + kind + " prior needs the training data (--data)"));
    }

    /** The given checkpoint's parameterisation must be conservative (g = -grad E): the control of an experiment. */
    public ModelSource requireConservative(String option) {
        checkpoint.ifPresent(c -> {
            io.scorescope.model.Parameterisation p = c.model().spec().parameterisation();
            if (!p.conservative())
                throw new InputException(option + " " + info.path("path").asText() + " is a '" + p.cliName() + "' model; the control "
                        + "must be conservative (scorescope train --model energy [--param edm])");
        });
        if (checkpoint.isEmpty()) throw new InputException(option + " must be a model folder of an energy model");
        return this;
    }

    /** The provenance entry, with the final training loss for a checkpoint. */
    public ObjectNode describe() {
        ObjectNode o = info.deepCopy();
        checkpoint.ifPresent(c -> Json.putFinite(o, "final_loss",
                c.history().isEmpty() ? Double.NaN : c.history().get(c.history().size() - 1).loss()));
        return o;
    }
}
