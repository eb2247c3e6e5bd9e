package io.scorescope.data;

import io.scorescope.math.Vec;

/**
 * The closest point of a smooth curve c(t), t in [lo, hi], to x: the squared distance phi(t) = |x - c(t)|^2 is sampled on
 * a uniform grid of {@value #GRID} points, and every grid local minimum (and each end) is refined by safeguarded Newton on
 * phi'(t) = -2 (x - c).c' (phi'' = 2 (|c'|^2 - (x - c).c'')) inside its bracket, bisecting when Newton leaves it;
 * the best refined point wins. The grid must be finer than the curve's features (turns, sheet spacing).
 */
public final class CurveSearch {
    /** A C^2 curve with its first two derivatives. */
    public interface Curve {
        double lo();
        double hi();
        double[] at(double t);
        double[] velocity(double t);
        double[] acceleration(double t);
    }

    public static final int GRID = 1024;

    private CurveSearch() {}

    /** argmin_t |x - c(t)|. */
    public static double closest(Curve c, double[] x) {
        double lo = c.lo(), hi = c.hi(), h = (hi - lo) / (GRID - 1);
        double[] phi = new double[GRID];
        for (int i = 0; i < GRID; i++) phi[i] = Vec.dist2(x, c.at(lo + i * h));
        double bestT = lo, best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < GRID; i++) {
            boolean left = i == 0 || phi[i] <= phi[i - 1], right = i == GRID - 1 || phi[i] <= phi[i + 1];
            if (!(left && right)) continue;
            double t = refine(c, x, lo + Math.max(0, i - 1) * h, lo + Math.min(GRID - 1, i + 1) * h, lo + i * h);
            double v = Vec.dist2(x, c.at(t));
            if (v < best) { best = v; bestT = t; }
        }
        return bestT;
    }

    private static double slope(Curve c, double[] x, double t) { return -Vec.dot(Vec.sub(x, c.at(t)), c.velocity(t)); }

    private static double refine(Curve c, double[] x, double a, double b, double t0) {
        double fa = slope(c, x, a), fb = slope(c, x, b);
        if (fa >= 0) return a; // increasing at the left end of the bracket: the minimum is at a (a curve end)
        if (fb <= 0) return b;
        double t = t0;
        for (int it = 0; it < 100 && b - a > 1e-15 * Math.max(1, Math.abs(t)); it++) {
            double[] r = Vec.sub(x, c.at(t)), v = c.velocity(t);
            double g = -Vec.dot(r, v);
            if (g == 0) return t;
            if (g < 0) a = t; else b = t;
            double curv = Vec.dot(v, v) - Vec.dot(r, c.acceleration(t));
            double next = curv > 0 ? t - g / curv : Double.NaN;
            if (!(next > a && next < b)) next = (a + b) / 2;
            if (Math.abs(next - t) < 1e-16 * Math.max(1, Math.abs(t))) return next;
            t = next;
        }
        return t;
    }
}
