package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * The ring torus f(u, v) = ((R + r cos v) cos u, (R + r cos v) sin u, r sin v), R = 1, r = 0.4, u, v in [0, 2 pi).
 * Density in parameter space p(u, v) = p_u(u) (1 + (r/R) cos v) / (2 pi): given u, the tube angle v is distributed as
 * under the area measure; default ("vonmises") p_u = 0.8 vM(u; 0, 2) + 0.2 / (2 pi), option "uniform" p_u = 1/(2 pi)
 * (the area-uniform torus). Projection is closed-form (angle around the axis, then the closest point of the tube circle);
 * quadrature by {@link ChartQuadrature}.
 */
public final class Torus extends AbstractManifold implements Chart {
    public static final double R = 1, r = 0.4;
    private static final double BUMP = 0.8, KAPPA = 2;
    private final boolean uniform;

    public Torus(boolean uniform) { this.uniform = uniform; }

    static Torus fromSpec(ManifoldSpec spec) {
        spec.allowOnly("density");
        return new Torus(spec.choice("density", "vonmises", "vonmises", "uniform").equals("uniform"));
    }

    @Override public String name() { return "torus"; }
    @Override public int intrinsicDim() { return 2; }
    @Override public int ambientDim() { return 3; }
    @Override public double[] lower() { return new double[] {0, 0}; }
    @Override public double[] upper() { return new double[] {2 * Math.PI, 2 * Math.PI}; }
    @Override public double[] lipschitz() { return new double[] {R + r, r}; }
    @Override public double[] maxStep() { return new double[] {Math.PI / 4, Math.PI / 4}; }

    @Override public double[] embed(double[] t) {
        double rho = R + r * Math.cos(t[1]);
        return new double[] {rho * Math.cos(t[0]), rho * Math.sin(t[0]), r * Math.sin(t[1])};
    }

    private double logPu(double u) {
        if (uniform) return -Math.log(2 * Math.PI);
        return Math.log(BUMP * Math.exp(Directional.logVonMises(u, 0, KAPPA)) + (1 - BUMP) / (2 * Math.PI));
    }

    @Override public double logParamDensity(double[] t) {
        return logPu(t[0]) + Math.log((1 + r / R * Math.cos(t[1])) / (2 * Math.PI));
    }

    @Override public Mat sample(int n, long seed) {
        Rng rng = new Rng(seed);
        Mat out = new Mat(n, 3);
        for (int i = 0; i < n; i++) {
            double u = uniform || rng.uniform() >= BUMP ? rng.uniform(0, 2 * Math.PI) : Directional.sampleVonMises(rng, 0, KAPPA);
            double v;
            do { v = rng.uniform(0, 2 * Math.PI); } while (rng.uniform() * (1 + r / R) > 1 + r / R * Math.cos(v));
            out.setRow(i, embed(new double[] {u, v}));
        }
        return out;
    }

    /** The parameters (u, v) of the closest point; on the axis u = 0, at the tube's centre circle v = 0. */
    public double[] closestParams(double[] x) {
        checkDim(x);
        double rho = Math.hypot(x[0], x[1]);
        double u = rho == 0 ? 0 : Math.atan2(x[1], x[0]);
        double dr = rho - R;
        double v = dr == 0 && x[2] == 0 ? 0 : Math.atan2(x[2], dr);
        return new double[] {u < 0 ? u + 2 * Math.PI : u, v < 0 ? v + 2 * Math.PI : v};
    }

    @Override public double[] project(double[] x) { return embed(closestParams(x)); }

    @Override public Mat tangentBasis(double[] x) {
        double[] t = closestParams(x);
        double cu = Math.cos(t[0]), su = Math.sin(t[0]), cv = Math.cos(t[1]), sv = Math.sin(t[1]);
        return Frames.columns(new double[] {-su, cu, 0}, new double[] {-sv * cu, -sv * su, cv});
    }

    @Override public Quadrature quadrature(double[] x, double sigma) {
        return ChartQuadrature.rule(this, x, sigma, distance(x));
    }

    @Override public String describe() {
        return "torus: R=1, r=0.4 in R^3, p(u,v) = p_u(u) (1 + 0.4 cos v)/(2pi) with p_u = "
                + (uniform ? "uniform (area-uniform torus)" : "0.8 vM(0, 2) + 0.2 uniform");
    }

}
