package io.scorescope.experiment;

import io.scorescope.sde.StepCallback;
import io.scorescope.training.Trainer;
import java.util.Locale;

/**
 * How long work reports its progress (after k-diffusion's sampler callback): a stage starts a {@link Task} with
 * its total count of units, steps it forward and closes it. Core stages never draw bars or print; the command line
 * implements this with progress bars.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Starts a task of {@code total} units. */
    Task start(String task, long total);

    /** A one-line message between tasks (e.g. the cost estimate of the stages ahead). */
    default void message(String line) { }

    /** No output. */
    ProgressListener SILENT = (task, total) -> Task.NONE;

    /** One stage's progress. */
    @FunctionalInterface
    interface Task extends AutoCloseable {
        /** {@code done} units of the total are complete. */
        void stepTo(long done);

        /** A short status shown next to the progress (e.g. the running loss). */
        default void note(String message) { }

        @Override default void close() { }

        /** Training steps as progress, with the running loss every 50 steps. */
        default Trainer.Listener training() {
            return (step, total, loss, lr) -> {
                stepTo(step);
                if (step % 50 == 0) note(String.format(Locale.ROOT, "loss %.4f", loss));
            };
        }

        /** Sampler steps as progress (step k of K: k + 1 of K + 1 recorded levels done). */
        default StepCallback sampling() { return s -> stepTo(s.index() + 1); }

        Task NONE = done -> { };
    }
}
