package io.scorescope.geometry;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Summary statistics used by the verdicts. NaN inputs are ignored by the median, mean and s.d. */
public final class SampleStats {
    private SampleStats() {}

    /** Median of the non-NaN values (mean of the middle two for an even count); NaN if there are none. */
    public static double median(double[] x) {
        double[] v = Arrays.stream(x).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int n = v.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** Mean of the non-NaN values; NaN if there are none. */
    public static double mean(double[] x) {
        return Arrays.stream(x).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /** Sample standard deviation sqrt(sum (x - mean)^2 / (n - 1)) of the non-NaN values; NaN if fewer than two. */
    public static double sampleSd(double[] x) {
        double[] v = Arrays.stream(x).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length < 2) return Double.NaN;
        double m = mean(v), s = 0;
        for (double d : v) s += (d - m) * (d - m);
        return Math.sqrt(s / (v.length - 1));
    }

    /** Ranks 1..n with ties given the average of the ranks they span. */
    public static double[] averageRanks(double[] x) {
        int n = x.length;
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> x[i])).toArray(Integer[]::new);
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) j++;
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[order[k]] = avg;
            i = j + 1;
        }
        return r;
    }

    /** Pearson correlation; NaN when either sample has zero variance or n < 2. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("lengths " + x.length + " vs " + y.length);
        int n = x.length;
        if (n < 2) return Double.NaN;
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double a = x[i] - mx, b = y[i] - my;
            sxy += a * b; sxx += a * a; syy += b * b;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Spearman's rho: the Pearson correlation of the average ranks (NaN for a constant sample). */
    public static double spearman(double[] x, double[] y) { return pearson(averageRanks(x), averageRanks(y)); }
}
