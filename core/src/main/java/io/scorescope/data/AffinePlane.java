package io.scorescope.data;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * A k-plane through the origin in R^D, x = Q z with a random orthonormal D x k frame Q (fixed by the seed), density
 * z ~ N(0, I_k). Parameters k (default 3), D (default 10), seed (default 1).
 * <p>Closed form: with z = Q^T x and x_perp = x - Q z, q_sigma(x) = N(z; 0, (1 + sigma^2) I_k) N(x_perp; 0, sigma^2 I_{D-k}),
 * score g = -Q z / (1 + sigma^2) - x_perp / sigma^2. Quadrature: the posterior over z is N(m, s^2 I) with m = z/(1 + sigma^2),
 * s^2 = sigma^2/(1 + sigma^2); nodes m ± s sqrt(k) e_i (the degree-3 symmetric Gaussian cubature, 2k nodes) with
 * importance weights (1/2k) N(z_j; 0, I)/N(z_j; m, s^2 I). The posterior over these nodes is then exactly uniform, so the
 * posterior mean, covariance and log q_sigma are exact.
 */
public final class AffinePlane extends AbstractManifold {
    private final int k, dim;
    private final long seed;
    private final Mat frame;

    public AffinePlane(int k, int dim, long seed) {
        if (k < 1 || dim < k + 1) throw new InputException("affine: need 1 <= k < D, got k=" + k + ", D=" + dim);
        this.k = k;
        this.dim = dim;
        this.seed = seed;
        this.frame = Frames.random(dim, k, seed);
    }

    static AffinePlane fromSpec(ManifoldSpec spec) {
        spec.allowOnly("k", "D", "seed");
        int k = spec.intParam("k", 3, 1, 1000);
        return new AffinePlane(k, spec.intParam("D", 10, 2, 100000), spec.longParam("seed", 1));
    }

    /** The D x k frame Q (a copy). */
    public Mat frame() { return frame.copy(); }

    @Override public String name() { return "affine"; }
    @Override public int intrinsicDim() { return k; }
    @Override public int ambientDim() { return dim; }

    @Override public Mat sample(int n, long seedValue) { return new Rng(seedValue).gaussian(n, k).times(frame.transpose()); }

    @Override public double[] project(double[] x) { checkDim(x); return frame.times(frame.transpose().times(x)); }

    @Override public Mat tangentBasis(double[] x) { checkDim(x); return frame.copy(); }

    /** Exact log q_sigma(x). */
    public double exactLogDensity(double[] x, double sigma) {
        double[] z = frame.transpose().times(x);
        double perp2 = Vec.dist2(x, frame.times(z)), v = 1 + sigma * sigma, s2 = sigma * sigma;
        return -Vec.dot(z, z) / (2 * v) - 0.5 * k * Math.log(2 * Math.PI * v)
                - perp2 / (2 * s2) - 0.5 * (dim - k) * Math.log(2 * Math.PI * s2);
    }

    /** Exact score -Q z/(1 + sigma^2) - x_perp/sigma^2. */
    public double[] exactScore(double[] x, double sigma) {
        double[] inPlane = frame.times(frame.transpose().times(x));
        double s2 = sigma * sigma;
        return Vec.axpy(Vec.scale(-1 / (1 + s2), inPlane), -1 / s2, Vec.sub(x, inPlane));
    }

    @Override public Quadrature quadrature(double[] x, double sigma) {
        checkDim(x);
        double s2 = sigma * sigma, s = Math.sqrt(s2 / (1 + s2)), spread = s * Math.sqrt(k);
        double[] m = Vec.scale(1 / (1 + s2), frame.transpose().times(x));
        Mat z = new Mat(2 * k, k);
        double[] logW = new double[2 * k];
        for (int i = 0; i < k; i++) {
            for (int side = 0; side < 2; side++) {
                int row = 2 * i + side;
                double[] zj = m.clone();
                zj[i] += side == 0 ? spread : -spread;
                z.setRow(row, zj);
                // log[(1/2k) N(z; 0, I) / N(z; m, s^2 I)]; |z - m|^2 = spread^2 = k s^2
                logW[row] = -Math.log(2 * k) - Vec.dot(zj, zj) / 2 + 0.5 * k + k * Math.log(s);
            }
        }
        return new Quadrature(z.times(frame.transpose()), logW);
    }

    @Override public String describe() {
        return "affine: " + k + "-plane in R^" + dim + " (random frame, seed " + seed + "), density N(0, I_" + k + ") in-plane";
    }
}
