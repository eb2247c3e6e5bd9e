package io.scorescope.data;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauss–Legendre rules: integral_a^b f(t) dt ≈ sum_i w_i f(t_i), exact for polynomials of degree ≤ 2n - 1.
 * Nodes are the roots of P_n found by Newton's method from Chebyshev guesses; rules are cached.
 */
public final class GaussLegendre {
    /** Nodes and weights of one rule. */
    public record Rule(double[] nodes, double[] weights) {}

    private static final ConcurrentHashMap<Integer, Rule> STANDARD = new ConcurrentHashMap<>();

    private GaussLegendre() {}

    /** The n-point rule on [-1, 1]. */
    public static Rule standard(int n) {
        if (n < 1) throw new IllegalArgumentException("Gauss-Legendre needs n >= 1, got " + n);
        return STANDARD.computeIfAbsent(n, GaussLegendre::compute);
    }

    /** The n-point rule on [a, b]. */
    public static Rule on(double a, double b, int n) {
        Rule s = standard(n);
        double half = (b - a) / 2, mid = (a + b) / 2;
        double[] t = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = mid + half * s.nodes[i];
            w[i] = half * s.weights[i];
        }
        return new Rule(t, w);
    }

    private static Rule compute(int n) {
        double[] t = new double[n], w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1, p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) break;
            }
            if (n == 1) { t[0] = 0; w[0] = 2; break; }
            t[i] = -z;
            t[n - 1 - i] = z;
            w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
        }
        return new Rule(t, w);
    }
}
