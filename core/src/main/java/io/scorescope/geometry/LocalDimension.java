package io.scorescope.geometry;

import io.scorescope.math.Mat;

/**
 * Local dimensionality estimates at (x, sigma), spec section 3. Only {@link #threshold} is used by the
 * verdicts; the others are reported (the prototype found the participation ratio has the wrong sign along
 * sequences and the log-gap is noisy).
 *
 * @param threshold           #{i : gamma_i > 1/2} (default)
 * @param soft                tr(I + sigma^2 S), S = (J + J^T)/2, i.e. D + sigma^2 tr J
 * @param logGap              D - k* with k* = argmax_{1<=k<=D-1} (log s_k - log s_{k+1}), see {@link #logGap(double[])}
 * @param participationRatio  (sum gamma)^2 / sum gamma^2, see {@link #participationRatio(double[])}
 */
public record LocalDimension(int threshold, double soft, double logGap, double participationRatio) {

    /** All four estimates from J and its features (which must come from the same J). */
    public static LocalDimension of(Mat jacobian, LocalFeatures f) {
        return new LocalDimension(threshold(f.gains()), soft(jacobian, f.sigma()),
                logGap(f.singularValues()), participationRatio(f.gains()));
    }

    /** #{i : gamma_i > 1/2}. */
    public static int threshold(double[] gains) {
        int k = 0;
        for (double g : gains) if (g > LocalFeatures.KEEP_THRESHOLD) k++;
        return k;
    }

    /** tr(I + sigma^2 S) = D + sigma^2 tr J (the trace of S equals that of J). */
    public static double soft(Mat jacobian, double sigma) {
        return jacobian.rows() + sigma * sigma * jacobian.trace();
    }

    /**
     * Largest gap in log s (s descending). Normal directions carry the largest singular values and tangent
     * ones the smallest, so a gap after position k (1-based) separates k normal from D - k tangent features:
     * the estimate is D - k* with k* the first k in 1..D-1 maximising log s_k - log s_{k+1}. Zero singular
     * values are clamped to {@link Double#MIN_VALUE} (a finite, maximal gap). The range is 1..D-1; NaN for D < 2.
     */
    public static double logGap(double[] singularValues) {
        int dim = singularValues.length;
        if (dim < 2) return Double.NaN;
        int best = 1;
        double bestGap = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < dim; k++) {
            double gap = safeLog(singularValues[k - 1]) - safeLog(singularValues[k]);
            if (gap > bestGap) { bestGap = gap; best = k; }
        }
        return dim - best;
    }

    /**
     * (sum gamma)^2 / sum gamma^2, with the gains used as given. Negative gains (s > 1/sigma^2, features the
     * denoiser over-removes) enter with their sign in the numerator and lower the ratio; it stays in [0, D]
     * by Cauchy-Schwarz. Scale-free, so uniformly tiny gains at large sigma read as "D-dimensional".
     * NaN when all gains are 0.
     */
    public static double participationRatio(double[] gains) {
        double sum = 0, sum2 = 0;
        for (double g : gains) { sum += g; sum2 += g * g; }
        return sum2 == 0 ? Double.NaN : sum * sum / sum2;
    }

    private static double safeLog(double s) { return Math.log(Math.max(s, Double.MIN_VALUE)); }
}
