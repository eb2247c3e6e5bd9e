package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * The unit sphere S^2 in R^3, the default toy. Default density ("vmf"): the mixture
 * q0 = 0.45 vMF(mu1, 8) + 0.27 vMF(mu2, 6) + 0.18 vMF(mu3, 5) + 0.10 uniform, i.e. three von Mises–Fisher bumps
 * with weights 0.5/0.3/0.2 of 90% of the mass and a 10% uniform floor; mu1 = (0,0,1), mu2 = (1,0,0),
 * mu3 = (-1/2, -sqrt(3)/2, 0) (mutual angles 90°, 90°, 120°). Option "uniform": q0 = 1/(4 pi).
 * <p>Quadrature at (x, sigma): local coordinates around e = x/|x|, y = (1-u) e + sqrt(u(2-u)) (cos phi a + sin phi b),
 * area element du dphi; Gauss–Legendre in u on [0, min(2, 40 sigma^2/|x|)] (the Gaussian factor is
 * ∝ exp(-|x| u / sigma^2), so the cut-off leaves < e^-40 of the mass) times the trapezoid rule in phi.
 */
public final class Sphere extends AbstractManifold implements ComponentDensity {
    /** Mass of the uniform floor. */
    public static final double FLOOR = 0.10;
    private static final double[] BUMP_SHARES = {0.5, 0.3, 0.2};
    private static final double[] KAPPAS = {8, 6, 5};
    private static final double[][] MEANS = {{0, 0, 1}, {1, 0, 0}, {-0.5, -Math.sqrt(3) / 2, 0}};
    private static final double LOG_UNIFORM = -Math.log(4 * Math.PI);
    /** Default node counts in u and phi (1e-12 relative accuracy for sigma in [0.01, 5]). */
    public static final int NODES_U = 64, NODES_PHI = 64;

    private final boolean uniform;

    private Sphere(boolean uniform) { this.uniform = uniform; }

    /** The default vMF mixture with a uniform floor. */
    public static Sphere vmfMixture() { return new Sphere(false); }

    public static Sphere uniform() { return new Sphere(true); }

    static Sphere fromSpec(ManifoldSpec spec) {
        spec.allowOnly("density");
        return new Sphere(spec.choice("density", "vmf", "vmf", "uniform").equals("uniform"));
    }

    @Override public String name() { return "sphere"; }
    @Override public int intrinsicDim() { return 2; }
    @Override public int ambientDim() { return 3; }

    public boolean isUniform() { return uniform; }

    @Override public String[] componentNames() {
        return uniform ? new String[] {"uniform"} : new String[] {"vmf1", "vmf2", "vmf3", "floor"};
    }

    @Override public double[] componentWeights() {
        if (uniform) return new double[] {1};
        double[] w = new double[4];
        for (int k = 0; k < 3; k++) w[k] = (1 - FLOOR) * BUMP_SHARES[k];
        w[3] = FLOOR;
        return w;
    }

    @Override public double[] logComponentDensities(double[] y) {
        if (uniform) return new double[] {LOG_UNIFORM};
        double[] l = new double[4];
        for (int k = 0; k < 3; k++) l[k] = Directional.logVonMisesFisher(y, MEANS[k], KAPPAS[k]);
        l[3] = LOG_UNIFORM;
        return l;
    }

    /** w_k times the vMF normaliser, precomputed for {@link #logDensity}. */
    private static final double[] SCALED_NORMALISERS = new double[3];

    static {
        for (int k = 0; k < 3; k++)
            SCALED_NORMALISERS[k] = (1 - FLOOR) * BUMP_SHARES[k] * KAPPAS[k] / (2 * Math.PI * -Math.expm1(-2 * KAPPAS[k]));
    }

    /** log q0(y) w.r.t. area, for y on S^2 (the same value as {@link #logMixtureDensity}, computed without logs per component). */
    public double logDensity(double[] y) {
        if (uniform) return LOG_UNIFORM;
        double q = FLOOR / (4 * Math.PI);
        for (int k = 0; k < 3; k++)
            q += SCALED_NORMALISERS[k] * Math.exp(KAPPAS[k] * (MEANS[k][0] * y[0] + MEANS[k][1] * y[1] + MEANS[k][2] * y[2] - 1));
        return Math.log(q);
    }

    @Override public Mat sample(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] w = componentWeights();
        Mat out = new Mat(n, 3);
        for (int i = 0; i < n; i++) {
            int k = rng.categorical(w);
            out.setRow(i, k == w.length - 1 ? Directional.sampleUniformSphere(rng, 3)
                    : Directional.sampleVonMisesFisher(rng, MEANS[k], KAPPAS[k]));
        }
        return out;
    }

    /** x/|x|; the origin (equidistant from all of S^2) maps to the north pole (0, 0, 1). */
    @Override public double[] project(double[] x) {
        checkDim(x);
        double r = Vec.norm(x);
        return r == 0 ? new double[] {0, 0, 1} : Vec.scale(1 / r, x);
    }

    @Override public Mat tangentBasis(double[] x) {
        double[][] ab = tangentPair(project(x));
        return Frames.columns(ab[0], ab[1]);
    }

    @Override public Mat normalBasis(double[] x) { return Frames.columns(project(x)); }

    @Override public Quadrature quadrature(double[] x, double sigma) { return quadrature(x, sigma, NODES_U, NODES_PHI); }

    /** The local-coordinate rule with nu Gauss–Legendre nodes in u and nphi trapezoid nodes in phi. */
    public Quadrature quadrature(double[] x, double sigma, int nu, int nphi) {
        checkDim(x);
        double r = Vec.norm(x);
        double[] e = project(x);
        double[][] ab = tangentPair(e);
        double uMax = r == 0 ? 2 : Math.min(2, 40 * sigma * sigma / r);
        GaussLegendre.Rule gl = GaussLegendre.on(0, uMax, nu);
        double[] cos = new double[nphi], sin = new double[nphi];
        for (int j = 0; j < nphi; j++) { cos[j] = Math.cos(2 * Math.PI * j / nphi); sin[j] = Math.sin(2 * Math.PI * j / nphi); }
        double logDphi = Math.log(2 * Math.PI / nphi);
        Mat nodes = new Mat(nu * nphi, 3);
        double[] logW = new double[nu * nphi];
        double[] y = new double[3];
        for (int i = 0; i < nu; i++) {
            double u = gl.nodes()[i], c = 1 - u, s = Math.sqrt(u * (2 - u));
            double lw = Math.log(gl.weights()[i]) + logDphi;
            for (int j = 0; j < nphi; j++) {
                int row = i * nphi + j;
                for (int k = 0; k < 3; k++) y[k] = c * e[k] + s * (cos[j] * ab[0][k] + sin[j] * ab[1][k]);
                nodes.setRow(row, y);
                logW[row] = lw + logDensity(y);
            }
        }
        return new Quadrature(nodes, logW);
    }

    /** Two orthonormal vectors a, b with (a, b, e) a right-handed orthonormal frame, for a unit vector e. */
    static double[][] tangentPair(double[] e) {
        double[] helper = Math.abs(e[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] a = Vec.normalize(Vec.axpy(helper, -Vec.dot(helper, e), e));
        return new double[][] {a, Vec.cross(e, a)};
    }

    @Override public String describe() {
        return uniform ? "sphere: unit S^2 in R^3, uniform density"
                : "sphere: unit S^2 in R^3, q0 = 0.45 vMF((0,0,1), 8) + 0.27 vMF((1,0,0), 6) + 0.18 vMF((-1/2,-sqrt3/2,0), 5) + 0.10 uniform";
    }
}
