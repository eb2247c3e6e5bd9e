package io.scorescope.cli;

import io.scorescope.data.TrainingData;
import io.scorescope.experiment.ModelSource;
import io.scorescope.sde.Prior;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --prior KIND}, where {@code sample} and {@code evaluate} start their samplers (a picocli mixin). */
final class PriorOption {
    @Option(names = "--prior", paramLabel = "KIND",
            description = "Where sampling starts, at sigma_max: isotropic N(0, sigma_max^2 I); moments N(mu, Sigma + sigma_max^2 I) "
                    + "from the training data's mean and covariance; or data, p_sigma_max exactly (a training point plus noise: "
                    + "a diagnostic that separates the start's error from the score's; its samples start from training data). "
                    + "Default: moments on images, isotropic on manifolds.")
    String kind;

    /** The chosen prior for this model; {@code data} is asked only when the prior needs the training data. */
    Prior of(ModelSource src, Supplier<Optional<TrainingData>> data) { return src.samplerPrior(kind, data); }
}
