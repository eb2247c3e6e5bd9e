package io.scorescope.cli;

import io.scorescope.io.InputException;
import io.scorescope.sde.SamplerConfig;
import picocli.CommandLine.Option;

/** {@code --sampler}, {@code --steps} and {@code --schedule}: how {@code sample} and {@code evaluate} draw (a picocli mixin). */
final class SamplerOptions {
    @Option(names = "--sampler", defaultValue = "reverse-sde", description = "reverse-sde, pc, ode (probability flow, Heun) or langevin. Default: ${DEFAULT-VALUE}.")
    String sampler;
    @Option(names = "--steps", defaultValue = "200", description = "K sampler steps from sigma_max to sigma_min (K + 1 levels). Default: ${DEFAULT-VALUE}.")
    int steps;
    @Option(names = "--schedule", defaultValue = "geometric", description = "Noise levels: geometric, or karras (EDM, rho = 7: denser at small sigma). Default: ${DEFAULT-VALUE}.")
    String schedule;

    /** The sampler configuration on [sigmaMin, sigmaMax]; a bad name or count is an {@link InputException}. */
    SamplerConfig config(double sigmaMin, double sigmaMax) {
        if (steps < 1) throw new InputException("--steps must be >= 1, got " + steps);
        return SamplerConfig.defaults(sigmaMin, sigmaMax).withSampler(sampler).withSchedule(schedule, steps);
    }
}
