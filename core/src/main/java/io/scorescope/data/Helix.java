package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * A two-turn helix in R^3 (d = 1): f(t) = (cos t, sin t, b (t - 2 pi)), t in [0, 4 pi], b = 0.5/(2 pi) (pitch 0.5,
 * z in [-0.5, 0.5]), density uniform in t (= uniform in arc length: the speed sqrt(1 + b^2) is constant).
 * Closest point by {@link CurveSearch}; quadrature by {@link ChartQuadrature}.
 */
public final class Helix extends AbstractManifold implements Chart, CurveSearch.Curve {
    private static final double B = 0.5 / (2 * Math.PI), T_MAX = 4 * Math.PI;

    static Helix fromSpec(ManifoldSpec spec) {
        spec.allowOnly();
        return new Helix();
    }

    @Override public String name() { return "helix"; }
    @Override public int intrinsicDim() { return 1; }
    @Override public int ambientDim() { return 3; }
    @Override public double[] lower() { return new double[] {0}; }
    @Override public double[] upper() { return new double[] {T_MAX}; }
    @Override public double[] lipschitz() { return new double[] {Math.sqrt(1 + B * B)}; }
    @Override public double[] maxStep() { return new double[] {Math.PI / 4}; }
    @Override public double[] embed(double[] t) { return at(t[0]); }
    @Override public double logParamDensity(double[] t) { return -Math.log(T_MAX); }

    @Override public double lo() { return 0; }
    @Override public double hi() { return T_MAX; }
    @Override public double[] at(double t) { return new double[] {Math.cos(t), Math.sin(t), B * (t - 2 * Math.PI)}; }
    @Override public double[] velocity(double t) { return new double[] {-Math.sin(t), Math.cos(t), B}; }
    @Override public double[] acceleration(double t) { return new double[] {-Math.cos(t), -Math.sin(t), 0}; }

    @Override public Mat sample(int n, long seed) {
        Rng rng = new Rng(seed);
        Mat out = new Mat(n, 3);
        for (int i = 0; i < n; i++) out.setRow(i, at(rng.uniform(0, T_MAX)));
        return out;
    }

    @Override public double[] project(double[] x) { checkDim(x); return at(CurveSearch.closest(this, x)); }

    @Override public Mat tangentBasis(double[] x) {
        checkDim(x);
        return Frames.columns(Vec.normalize(velocity(CurveSearch.closest(this, x))));
    }

    @Override public Quadrature quadrature(double[] x, double sigma) {
        return ChartQuadrature.rule(this, x, sigma, distance(x));
    }

    @Override public String describe() {
        return "helix: (cos t, sin t, 0.5 (t - 2pi)/(2pi)), t uniform in [0, 4pi], in R^3";
    }
}
