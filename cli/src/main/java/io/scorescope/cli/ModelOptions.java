package io.scorescope.cli;

import io.scorescope.data.TrainingData;
import io.scorescope.experiment.ModelSource;
import io.scorescope.io.InputException;
import io.scorescope.model.TorchScriptField;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --model DIR} or {@code --model-file PATH[:OPTIONS] [--output KIND]}, the model of {@code sample},
 * {@code analyze}, {@code evaluate}, {@code lid} and {@code reproduce} (a picocli mixin, or a superclass of an argument group).
 */
class ModelOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "Model folder written by 'scorescope train' (or reproduce's model/).")
    Path model;
    @Option(names = "--model-file", paramLabel = "PATH[:OPTIONS]",
            description = "Instead of --model: a TorchScript module forward(x, sigma) trained elsewhere or written by 'scorescope export'. "
                    + "Options as in --field " + TorchScriptField.SYNTAX + ", e.g. model.pt:vp (docs/torchscript.md).")
    String modelFile;
    @Option(names = "--output", paramLabel = "KIND",
            description = "With --model-file: what forward returns, score, eps, denoiser or energy (default: the module's metadata, else score).")
    String output;

    /** The --model-file spec with --output appended; null without --model-file. Checks that the options fit together. */
    String fileSpec() {
        if (model != null && modelFile != null) throw new InputException("--model and --model-file are mutually exclusive; give one");
        if (output != null && modelFile == null) throw new InputException("--output applies to --model-file only");
        if (modelFile == null) return null;
        return output == null ? modelFile : modelFile + ":" + TorchScriptField.Kind.byName(output).cliName();
    }

    /** The given model, if any. */
    Optional<ModelSource> load() {
        String spec = fileSpec();
        if (spec != null) return Optional.of(ModelSource.fromTorchScript(spec));
        return Optional.ofNullable(model).map(ModelSource::fromCheckpoint);
    }

    ModelSource require() {
        return load().orElseThrow(() -> new InputException("give the model: --model DIR or --model-file PATH"));
    }

    /** {@code --data NAME|FILE} (with --n-train and --data-seed) for commands that otherwise read the data from the checkpoint. */
    static class WithData extends ModelOptions {
        @Option(names = "--data", paramLabel = "NAME|FILE",
                description = "With --model-file: the data the model was trained on, a built-in manifold spec or a .csv/.npy file "
                        + "(a checkpoint records its own; if given it must agree).")
        String data;
        @Option(names = "--n-train", defaultValue = "20000",
                description = "With --model-file and a built-in --data: the training draws, as given to 'scorescope train'. Default: ${DEFAULT-VALUE}.")
        int nTrain;
        @Option(names = "--data-seed", defaultValue = "0",
                description = "With --model-file and a built-in --data: the seed of the training draws ('scorescope train --seed'). Default: ${DEFAULT-VALUE}.")
        long dataSeed;

        /** The model's training data: the checkpoint's, else --data, else empty. */
        Optional<TrainingData> trainingData(ModelSource src) { return src.trainingData(data, nTrain, dataSeed); }

        /** As {@link #trainingData(ModelSource)}, required; {@code need} says what for, in the error without it. */
        TrainingData requireData(ModelSource src, String need) {
            return trainingData(src).orElseThrow(() -> new InputException(
                    "--model-file needs --data NAME|FILE (the data the model was trained on) " + need));
        }
    }
}
