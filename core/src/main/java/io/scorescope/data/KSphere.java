package io.scorescope.data;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * The unit k-sphere S^k isometrically embedded in R^D by a random orthonormal D x (k+1) frame Q (fixed by the seed):
 * x = Q y, y in S^k ⊂ R^{k+1}. Parameters k (default 2), D (default 5), seed (default 1), density:
 * for k = 2 the {@link Sphere}'s vMF mixture ("vmf", default) or "uniform"; for k != 2 uniform only.
 * <p>Its exact field follows from the 3-D one: g_D(x) = Q g_3(Q^T x) - (I - Q Q^T) x / sigma^2.
 * Quadrature: for k = 2 the sphere's rule at Q^T x mapped by Q; otherwise (uniform density, where the posterior depends
 * on y only through the angle theta to e = Q^T x/|Q^T x|) Gauss–Legendre in theta on [0, acos(1 - min(2, 40 sigma^2/|Q^T x|))]
 * with area element sin^{k-1}(theta) dtheta, times the 2k directions ±f_i of S^{k-1} orthogonal to e — a spherical design
 * exact for the degree-2 moments that the posterior mean and covariance need.
 */
public final class KSphere extends AbstractManifold {
    public static final int NODES = 64;
    private final int k, dim;
    private final long seed;
    private final Mat frame;
    private final Sphere sphere; // the k = 2 density, or null

    public KSphere(int k, int dim, long seed, boolean uniform) {
        if (k < 1 || dim < k + 1) throw new InputException("ksphere: need 1 <= k < D, got k=" + k + ", D=" + dim);
        if (k != 2 && !uniform) throw new InputException("ksphere: density=vmf needs k=2 (use density=uniform)");
        this.k = k;
        this.dim = dim;
        this.seed = seed;
        this.frame = Frames.random(dim, k + 1, seed);
        this.sphere = k == 2 ? (uniform ? Sphere.uniform() : Sphere.vmfMixture()) : null;
    }

    static KSphere fromSpec(ManifoldSpec spec) {
        spec.allowOnly("k", "D", "seed", "density");
        int k = spec.intParam("k", 2, 1, 1000);
        int dim = spec.intParam("D", 5, 2, 100000);
        String density = spec.choice("density", k == 2 ? "vmf" : "uniform", "vmf", "uniform");
        return new KSphere(k, dim, spec.longParam("seed", 1), density.equals("uniform"));
    }

    /** The D x (k+1) embedding frame Q (a copy). */
    public Mat frame() { return frame.copy(); }

    /** The 3-D sphere whose density is embedded (k = 2 only). */
    public Sphere sphere() {
        if (sphere == null) throw new IllegalStateException("ksphere with k=" + k + " has no S^2 density");
        return sphere;
    }

    @Override public String name() { return "ksphere"; }
    @Override public int intrinsicDim() { return k; }
    @Override public int ambientDim() { return dim; }

    private double[] local(double[] x) { checkDim(x); return frame.transpose().times(x); }

    private Mat embed(Mat localRows) { return localRows.times(frame.transpose()); }

    @Override public Mat sample(int n, long seedValue) {
        if (sphere != null) return embed(sphere.sample(n, seedValue));
        Rng rng = new Rng(seedValue);
        Mat y = new Mat(n, k + 1);
        for (int i = 0; i < n; i++) y.setRow(i, Directional.sampleUniformSphere(rng, k + 1));
        return embed(y);
    }

    /** Q (Q^T x / |Q^T x|); points with Q^T x = 0 map to Q e_1. */
    @Override public double[] project(double[] x) { return frame.times(localDirection(local(x))); }

    private static double[] localDirection(double[] y) {
        double r = Vec.norm(y);
        return r == 0 ? Vec.unit(y.length, 0) : Vec.scale(1 / r, y);
    }

    @Override public Mat tangentBasis(double[] x) {
        return frame.times(Frames.complement(Frames.columns(localDirection(local(x)))));
    }

    @Override public Quadrature quadrature(double[] x, double sigma) { return quadrature(x, sigma, NODES); }

    /** The rule with n nodes in the polar variable (n x n for k = 2). */
    public Quadrature quadrature(double[] x, double sigma, int n) {
        double[] y = local(x);
        if (sphere != null) {
            Quadrature q = sphere.quadrature(y, sigma, n, n);
            return new Quadrature(embed(q.nodes()), q.logWeights());
        }
        double r = Vec.norm(y);
        double[] e = localDirection(y);
        Mat f = Frames.complement(Frames.columns(e));
        double u = r == 0 ? 2 : Math.min(2, 40 * sigma * sigma / r);
        GaussLegendre.Rule gl = GaussLegendre.on(0, Math.acos(1 - u), n);
        double logDir = Math.log(sphereArea(k - 1) / (2 * k)) - Math.log(sphereArea(k));
        Mat nodes = new Mat(n * 2 * k, k + 1);
        double[] logW = new double[n * 2 * k];
        int row = 0;
        for (int i = 0; i < n; i++) {
            double t = gl.nodes()[i], c = Math.cos(t), s = Math.sin(t);
            double lw = Math.log(gl.weights()[i]) + (k - 1) * Math.log(s) + logDir;
            for (int j = 0; j < k; j++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    for (int a = 0; a <= k; a++) nodes.set(row, a, c * e[a] + sign * s * f.get(a, j));
                    logW[row++] = lw;
                }
            }
        }
        return new Quadrature(embed(nodes), logW);
    }

    /** Area of the unit m-sphere S^m: A_0 = 2, A_1 = 2 pi, A_m = 2 pi A_{m-2} / (m - 1). */
    static double sphereArea(int m) {
        double a = m % 2 == 0 ? 2 : 2 * Math.PI;
        for (int j = m % 2 == 0 ? 2 : 3; j <= m; j += 2) a *= 2 * Math.PI / (j - 1);
        return a;
    }

    @Override public String describe() {
        String density = sphere == null ? "uniform" : sphere.isUniform() ? "uniform" : "the sphere's vMF mixture";
        return "ksphere: unit S^" + k + " in R^" + dim + " via a random orthonormal frame (seed " + seed + "), density " + density;
    }
}
