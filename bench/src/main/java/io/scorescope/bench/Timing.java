package io.scorescope.bench;

import java.util.Arrays;

/** Warm-up, then the median wall time of repeated calls. */
final class Timing {
    private Timing() {}

    /** A call that may throw (DJL and IO calls do). */
    @FunctionalInterface
    interface Call { void run() throws Exception; }

    /** Median seconds of {@code reps} calls after at least {@code warmup} untimed calls lasting at least {@code warmupSeconds}. */
    static double median(int warmup, int reps, double warmupSeconds, Call call) {
        try {
            long start = System.nanoTime();
            for (int i = 0; i < warmup || (System.nanoTime() - start) * 1e-9 < warmupSeconds; i++) call.run();
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
