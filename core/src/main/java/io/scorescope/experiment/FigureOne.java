package io.scorescope.experiment;

import io.scorescope.data.ComponentDensity;
import io.scorescope.data.Manifold;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.ScoreField;
import io.scorescope.geometry.EffectiveDensityOverlap;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * The Figure-1 analogue: points of M coloured by the exact density q0 and arrows of the learned field g_sigma at a
 * moderate sigma (0.3 s), half based on M (circulation/flow along the surface) and half at distance 0.1 s off it
 * along a normal direction (pull back). q0 is the manifold's own mixture density when it has one, else the exact
 * smoothed density at sigma = 0.02 s (quadrature). For D = 3 the raw coordinates are drawn; for D != 3 the
 * coordinates on the top-min(D, 3) principal axes of the drawn points (padded with 0), so a 2-sphere in R^5
 * appears in the 3-D space it spans and the circle in the plane z = 0.
 */
public final class FigureOne {
    public static final double FIELD_SIGMA = 0.3, OFFSET = 0.1, DENSITY_SIGMA = 0.02;

    /**
     * What the figure shows, in 3-D drawing coordinates.
     *
     * @param title   the figure's title
     * @param points  points of M
     * @param density q0 at the points
     * @param bases   where the arrows start
     * @param arrows  g_sigma at the bases
     */
    public record Picture(String title, double[][] points, double[] density, double[][] bases, double[][] arrows) {}

    private FigureOne() {}

    static Picture build(ScoreField model, Manifold m, double scale, int n, long seed) {
        Rng rng = new Rng(seed);
        Mat pts = m.sample(n, rng.split(1).nextLong());
        double[] density = density(m, pts, scale);
        Mat frame = frame(pts);
        int arrows = Math.max(2, n / 10);
        Mat bases = m.sample(arrows, rng.split(2).nextLong());
        Rng dir = rng.split(3);
        for (int i = arrows / 2; i < arrows; i++) {
            double[] y = bases.row(i);
            Mat normal = m.normalBasis(y);
            double[] u = normal.times(normal.transpose().times(frame.times(dir.gaussian(frame.cols()))));
            if (Vec.norm(u) > 1e-9) bases.setRow(i, Vec.axpy(y, OFFSET * scale / Vec.norm(u), u));
        }
        Mat g = model.score(bases, FIELD_SIGMA * scale);
        String title = "Density q0 on M and the learned field g at sigma = " + fmt(FIELD_SIGMA * scale)
                + (m.ambientDim() == 3 ? "" : " (coordinates on the top principal axes, D = " + m.ambientDim() + ")");
        return new Picture(title, project(frame, pts), density, project(frame, bases), project(frame, g));
    }

    private static double[] density(Manifold m, Mat pts, double scale) {
        double[] d = new double[pts.rows()];
        if (m instanceof ComponentDensity cd) {
            for (int i = 0; i < d.length; i++) d[i] = Math.exp(cd.logMixtureDensity(pts.row(i)));
        } else {
            double[] sigma = new double[pts.rows()];
            java.util.Arrays.fill(sigma, DENSITY_SIGMA * scale);
            double[] log = new ManifoldField(m).logDensity(pts, sigma);
            for (int i = 0; i < d.length; i++) d[i] = Math.exp(log[i]);
        }
        return d;
    }

    /** D x min(D, 3) orthonormal columns: the identity for D = 3, else the top principal axes of the points. */
    static Mat frame(Mat pts) {
        int dim = pts.cols();
        if (dim == 3) return Mat.identity(3);
        double[] mean = new double[dim];
        for (int i = 0; i < pts.rows(); i++) for (int k = 0; k < dim; k++) mean[k] += pts.get(i, k) / pts.rows();
        Mat cov = new Mat(dim, dim);
        for (int i = 0; i < pts.rows(); i++) {
            double[] c = Vec.sub(pts.row(i), mean);
            for (int a = 0; a < dim; a++) for (int b = 0; b < dim; b++) cov.add(a, b, c[a] * c[b] / pts.rows());
        }
        return EffectiveDensityOverlap.topEigenvectors(cov, Math.min(dim, 3));
    }

    /** Rows of x in the frame's coordinates, padded to 3 columns. */
    static double[][] project(Mat frame, Mat x) {
        Mat c = x.times(frame);
        double[][] out = new double[x.rows()][3];
        for (int i = 0; i < x.rows(); i++) for (int k = 0; k < c.cols(); k++) out[i][k] = c.get(i, k);
        return out;
    }

    private static String fmt(double v) { return String.format(java.util.Locale.ROOT, "%.3g", v); }
}
