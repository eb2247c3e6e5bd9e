package io.scorescope.bench;

import java.util.Arrays;

/** Warm-up, then the median wall time of repeated calls. */
final class Timing {
    private Timing() {}

    /** A call that may throw (DJL and IO calls do). */
    @FunctionalInterface
    interface Call { void run() throws Exception; }

    /** Median seconds of {@code reps} calls after {@code warmup} untimed ones. */
    static double median(int warmup, int reps, Call call) {
        try {
            for (int i = 0; i < warmup; i++) call.run();
            double[] t = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                call.run();
                t[i] = (System.nanoTime() - t0) * 1e-9;
            }
            Arrays.sort(t);
            return reps % 2 == 1 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
