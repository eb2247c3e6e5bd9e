package io.scorescope.math;

import java.util.SplittableRandom;

/**
 * The project's only source of randomness in Java code: a seeded {@link SplittableRandom},
 * so every run is reproducible from its seed on any JVM. Use {@link #split(long)} to derive
 * independent, order-insensitive streams (one per chain, per component, ...).
 */
public final class Rng {
    private final long seed;
    private final SplittableRandom random;

    public Rng(long seed) { this.seed = seed; this.random = new SplittableRandom(seed); }

    public long seed() { return seed; }

    /** An independent stream determined by (seed, stream). */
    public Rng split(long stream) { return new Rng(mix(seed * 0x9E3779B97F4A7C15L + stream)); }

    public double uniform() { return random.nextDouble(); }
    public double uniform(double lo, double hi) { return lo + (hi - lo) * random.nextDouble(); }
    public int nextInt(int bound) { return random.nextInt(bound); }
    public long nextLong() { return random.nextLong(); }
    /** Standard normal (ziggurat of {@code RandomGenerator.nextGaussian}, fixed by the JDK spec). */
    public double gaussian() { return random.nextGaussian(); }

    public double[] gaussian(int n) { double[] z = new double[n]; for (int i = 0; i < n; i++) z[i] = gaussian(); return z; }
    public Mat gaussian(int rows, int cols) { return new Mat(rows, cols, gaussian(rows * cols)); }
    /** Rademacher +-1. */
    public double sign() { return random.nextBoolean() ? 1 : -1; }

    /** A uniformly random unit vector in R^n. */
    public double[] unitVector(int n) {
        while (true) {
            double[] z = gaussian(n);
            double r = Vec.norm(z);
            if (r > 1e-12) return Vec.scale(1 / r, z);
        }
    }

    /** Index drawn with probabilities proportional to w. */
    public int categorical(double[] w) {
        double total = Vec.sum(w), u = uniform() * total, c = 0;
        for (int i = 0; i < w.length; i++) { c += w[i]; if (u < c) return i; }
        return w.length - 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
