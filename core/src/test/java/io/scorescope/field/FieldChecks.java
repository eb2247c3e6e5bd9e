package io.scorescope.field;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Vec;

/** Shared assertions: an exact field against finite differences of itself. */
final class FieldChecks {
    private FieldChecks() {}

    static double relErr(Mat a, Mat ref) { return a.minus(ref).frobenius() / Math.max(ref.frobenius(), 1e-300); }

    static double relErr(double[] a, double[] ref) { return Vec.dist(a, ref) / Math.max(Vec.norm(ref), 1e-300); }

    /**
     * Finite-difference step for a field smoothed at sigma: the score varies on the scale sigma^2 / |x - y|,
     * so the truncation error (h |x - y| / sigma^2)^2 needs h proportional to sigma at small sigma.
     */
    static double stepFor(double sigma) { return 1e-6 * Math.min(1, sigma); }

    /** score(x) = grad log q(x), by central differences of the exact log-density. */
    static void scoreIsGradient(ExactField f, Mat x, double sigma, double tol) {
        Mat g = f.score(x, sigma);
        for (int i = 0; i < x.rows(); i++) {
            double[] fd = FiniteDifference.gradient(p -> f.logDensity(Mat.row(p), new double[] {sigma})[0], x.row(i), stepFor(sigma));
            double e = relErr(g.row(i), fd);
            assertTrue(e < tol, "score vs grad log q at row " + i + ": rel err " + e);
        }
    }

    /** exact Jacobian = finite-difference Jacobian of the score. */
    static void jacobianMatchesFiniteDifference(ScoreField f, Mat x, double sigma, double tol) {
        Mat[] j = f.jacobian(x, sigma);
        Mat[] fd = FiniteDifference.jacobian(f, x, fill(x.rows(), sigma), stepFor(sigma));
        for (int i = 0; i < j.length; i++) {
            double e = relErr(j[i], fd[i]);
            assertTrue(e < tol, "Jacobian vs finite differences at row " + i + ": rel err " + e);
        }
    }

    static void symmetric(Mat[] js) {
        for (Mat j : js) assertTrue(j.antisymmetricPart().maxAbs() <= 1e-12 * j.maxAbs(), "Jacobian not symmetric");
    }

    /** integral of exp(log q) over [-L, L] in 1-D, by the trapezoid rule on m intervals. */
    static double integrate1d(ExactField f, double sigma, double half, int m) {
        Mat x = new Mat(m + 1, 1);
        for (int i = 0; i <= m; i++) x.set(i, 0, -half + 2 * half * i / m);
        double[] lq = f.logDensity(x, fill(m + 1, sigma));
        double h = 2 * half / m, s = 0;
        for (int i = 0; i <= m; i++) s += (i == 0 || i == m ? 0.5 : 1) * Math.exp(lq[i]);
        return s * h;
    }

    static double[] fill(int n, double v) { double[] a = new double[n]; java.util.Arrays.fill(a, v); return a; }
}
