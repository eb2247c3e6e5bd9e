package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * A unit-scale Swiss roll in R^3 (d = 2): f(t, s) = (t cos t / a, s, t sin t / a), t in [1.5 pi, 4.5 pi], s in [-1, 1],
 * a = 4.5 pi (radius <= 1, successive sheets 2 pi / a ≈ 0.44 apart). Density uniform in (t, s) as in scikit-learn
 * (so not area-uniform: p(t, s) = 1/(6 pi)). The distance separates: s* = clamp(x_2, -1, 1) and t* is the closest point
 * of the spiral to (x_1, x_3) by {@link CurveSearch}; quadrature by {@link ChartQuadrature}.
 */
public final class SwissRoll extends AbstractManifold implements Chart {
    private static final double T0 = 1.5 * Math.PI, T1 = 4.5 * Math.PI, A = 4.5 * Math.PI;

    /** The spiral (t cos t / a, t sin t / a). */
    private static final CurveSearch.Curve SPIRAL = new CurveSearch.Curve() {
        public double lo() { return T0; }
        public double hi() { return T1; }
        public double[] at(double t) { return new double[] {t * Math.cos(t) / A, t * Math.sin(t) / A}; }
        public double[] velocity(double t) {
            return new double[] {(Math.cos(t) - t * Math.sin(t)) / A, (Math.sin(t) + t * Math.cos(t)) / A};
        }
        public double[] acceleration(double t) {
            return new double[] {(-2 * Math.sin(t) - t * Math.cos(t)) / A, (2 * Math.cos(t) - t * Math.sin(t)) / A};
        }
    };

    static SwissRoll fromSpec(ManifoldSpec spec) {
        spec.allowOnly();
        return new SwissRoll();
    }

    @Override public String name() { return "swiss-roll"; }
    @Override public int intrinsicDim() { return 2; }
    @Override public int ambientDim() { return 3; }
    @Override public double[] lower() { return new double[] {T0, -1}; }
    @Override public double[] upper() { return new double[] {T1, 1}; }
    @Override public double[] lipschitz() { return new double[] {Math.sqrt(1 + T1 * T1) / A, 1}; }
    @Override public double[] maxStep() { return new double[] {Math.PI / 4, 0.5}; }
    @Override public double logParamDensity(double[] t) { return -Math.log((T1 - T0) * 2); }

    @Override public double[] embed(double[] t) {
        double[] c = SPIRAL.at(t[0]);
        return new double[] {c[0], t[1], c[1]};
    }

    @Override public Mat sample(int n, long seed) {
        Rng rng = new Rng(seed);
        Mat out = new Mat(n, 3);
        for (int i = 0; i < n; i++) out.setRow(i, embed(new double[] {rng.uniform(T0, T1), rng.uniform(-1, 1)}));
        return out;
    }

    /** The parameters (t, s) of the closest point. */
    public double[] closestParams(double[] x) {
        checkDim(x);
        return new double[] {CurveSearch.closest(SPIRAL, new double[] {x[0], x[2]}), Math.max(-1, Math.min(1, x[1]))};
    }

    @Override public double[] project(double[] x) { return embed(closestParams(x)); }

    @Override public Mat tangentBasis(double[] x) {
        double[] v = Vec.normalize(SPIRAL.velocity(closestParams(x)[0]));
        return Frames.columns(new double[] {v[0], 0, v[1]}, new double[] {0, 1, 0});
    }

    @Override public Quadrature quadrature(double[] x, double sigma) {
        return ChartQuadrature.rule(this, x, sigma, distance(x));
    }

    @Override public String describe() {
        return "swiss-roll: (t cos t / a, s, t sin t / a), a = 4.5pi, t ~ U[1.5pi, 4.5pi], s ~ U[-1, 1], in R^3";
    }
}
