package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * The unit circle in R^2, y(theta) = (cos theta, sin theta). Default density ("vonmises"), w.r.t. arc length:
 * q0 = 0.54 vM(0, 8) + 0.36 vM(2 pi/3, 4) + 0.10 / (2 pi) (bumps 0.6/0.4 of 90% of the mass, 10% uniform floor).
 * Option "uniform": 1/(2 pi).
 * <p>Quadrature at (x, sigma): with U = min(2, 40 sigma^2/|x|) (the Gaussian factor is ∝ exp(-|x|(1 - cos t)/sigma^2)),
 * Gauss–Legendre on the arc |theta - angle(x)| <= acos(1 - U); when U = 2 the trapezoid rule on the whole circle.
 */
public final class Circle extends AbstractManifold implements ComponentDensity {
    public static final double FLOOR = 0.10;
    private static final double[] BUMP_SHARES = {0.6, 0.4};
    private static final double[] KAPPAS = {8, 4};
    private static final double[] MEANS = {0, 2 * Math.PI / 3};
    private static final double LOG_UNIFORM = -Math.log(2 * Math.PI);
    /** Default Gauss–Legendre nodes on a local arc (the full-circle trapezoid uses twice as many). */
    public static final int NODES = 64;

    private final boolean uniform;

    private Circle(boolean uniform) { this.uniform = uniform; }

    public static Circle vonMisesMixture() { return new Circle(false); }

    public static Circle uniform() { return new Circle(true); }

    static Circle fromSpec(ManifoldSpec spec) {
        spec.allowOnly("density");
        return new Circle(spec.choice("density", "vonmises", "vonmises", "uniform").equals("uniform"));
    }

    @Override public String name() { return "circle"; }
    @Override public int intrinsicDim() { return 1; }
    @Override public int ambientDim() { return 2; }

    @Override public String[] componentNames() {
        return uniform ? new String[] {"uniform"} : new String[] {"vm1", "vm2", "floor"};
    }

    @Override public double[] componentWeights() {
        return uniform ? new double[] {1}
                : new double[] {(1 - FLOOR) * BUMP_SHARES[0], (1 - FLOOR) * BUMP_SHARES[1], FLOOR};
    }

    @Override public double[] logComponentDensities(double[] y) {
        if (uniform) return new double[] {LOG_UNIFORM};
        double t = Math.atan2(y[1], y[0]);
        return new double[] {Directional.logVonMises(t, MEANS[0], KAPPAS[0]),
            Directional.logVonMises(t, MEANS[1], KAPPAS[1]), LOG_UNIFORM};
    }

    /** log q0 at angle theta, w.r.t. arc length. */
    public double logDensityAt(double theta) {
        return uniform ? LOG_UNIFORM : logMixtureDensity(point(theta));
    }

    static double[] point(double theta) { return new double[] {Math.cos(theta), Math.sin(theta)}; }

    @Override public Mat sample(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] w = componentWeights();
        Mat out = new Mat(n, 2);
        for (int i = 0; i < n; i++) {
            int k = rng.categorical(w);
            double t = k == w.length - 1 ? rng.uniform(0, 2 * Math.PI) : Directional.sampleVonMises(rng, MEANS[k], KAPPAS[k]);
            out.setRow(i, point(t));
        }
        return out;
    }

    /** x/|x|; the origin maps to (1, 0). */
    @Override public double[] project(double[] x) {
        checkDim(x);
        double r = Vec.norm(x);
        return r == 0 ? new double[] {1, 0} : Vec.scale(1 / r, x);
    }

    @Override public Mat tangentBasis(double[] x) {
        double[] y = project(x);
        return Frames.columns(new double[] {-y[1], y[0]});
    }

    @Override public Quadrature quadrature(double[] x, double sigma) { return quadrature(x, sigma, NODES); }

    /** The rule with n Gauss–Legendre nodes on a local arc, or 2n trapezoid nodes on the whole circle. */
    public Quadrature quadrature(double[] x, double sigma, int n) {
        checkDim(x);
        double r = Vec.norm(x);
        double u = r == 0 ? 2 : Math.min(2, 40 * sigma * sigma / r);
        double[] t, w;
        if (u >= 2) {
            t = new double[2 * n];
            w = new double[2 * n];
            for (int i = 0; i < 2 * n; i++) { t[i] = Math.PI * i / n; w[i] = Math.PI / n; }
        } else {
            double a = Math.atan2(x[1], x[0]), half = Math.acos(1 - u);
            GaussLegendre.Rule gl = GaussLegendre.on(a - half, a + half, n);
            t = gl.nodes();
            w = gl.weights();
        }
        Mat nodes = new Mat(t.length, 2);
        double[] logW = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            nodes.setRow(i, point(t[i]));
            logW[i] = Math.log(w[i]) + logDensityAt(t[i]);
        }
        return new Quadrature(nodes, logW);
    }

    @Override public String describe() {
        return uniform ? "circle: unit circle in R^2, uniform density"
                : "circle: unit circle in R^2, q0 = 0.54 vM(0, 8) + 0.36 vM(2pi/3, 4) + 0.10 uniform (w.r.t. arc length)";
    }
}
