package io.scorescope.sde;

import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Receives every {@link Step} of a sampler, in order (k-diffusion's per-step callback). Samplers over a
 * K-step schedule call it K+1 times, with indices 0..K and the schedule's descending sigmas; fixed-sigma
 * Langevin with T steps calls it T+1 times.
 */
@FunctionalInterface
public interface StepCallback {
    /** Ignores every step. */
    StepCallback NONE = step -> {};

    void onStep(Step step);

    /** This callback, then {@code next}. */
    default StepCallback andThen(StepCallback next) {
        Objects.requireNonNull(next);
        return step -> { onStep(step); next.onStep(step); };
    }

    /** A progress hook: reports the number of steps done (the step's index) to {@code stepsDone}. */
    static StepCallback progress(IntConsumer stepsDone) {
        Objects.requireNonNull(stepsDone);
        return step -> stepsDone.accept(step.index());
    }
}
