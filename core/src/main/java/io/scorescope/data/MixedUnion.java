package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import java.util.List;

/**
 * A mixed-dimension union in R^3 of three disjoint pieces, each with mass 1/3 and a uniform density on it:
 * <ul>
 *   <li>segment (d = 1): from (-2, 0, -0.75) to (-2, 0, 0.75);</li>
 *   <li>disc (d = 2): centre (0, 0, 0), in the x-y plane, radius 0.75 (polar chart, area element rho);</li>
 *   <li>ball (d = 3): centre (2, 0, 0), radius 0.6 (spherical chart, volume element r^2 sin theta).</li>
 * </ul>
 * Gaps: 1.25 between segment and disc, 0.65 between disc and ball. {@link #intrinsicDimAt} is the dimension of the
 * nearest piece; {@link #intrinsicDim()} is 3. Projection is closed-form per piece; quadrature is the union of the pieces'
 * rules, each weighted by its mass and pruned against the distance to the whole union: {@link ChartQuadrature} for the
 * segment and the disc, and for the ball a polar rule about the axis through x (see {@code ballRule}).
 */
public final class MixedUnion extends AbstractManifold {
    /** One piece: its closed-form closest point, tangent space, sampler and quadrature (log weights include its mass). */
    interface Piece {
        int dim();
        double[] project(double[] x);
        Mat tangent();
        double[] sample(Rng rng);
        /** The rule at (x, sigma) pruned against delta >= dist(x, union), with refinement n. */
        Quadrature rule(double[] x, double sigma, double delta, int n);
    }

    /** A piece given by a chart, integrated by {@link ChartQuadrature}. */
    interface ChartPiece extends Piece, Chart {
        @Override default int ambientDim() { return 3; }
        @Override default Quadrature rule(double[] x, double sigma, double delta, int n) {
            return ChartQuadrature.rule(this, x, sigma, delta, n, LOG_MASS);
        }
    }

    private static final double SEG_LEN = 1.5, DISC_R = 0.75, BALL_R = 0.6;
    private static final double[] SEG_START = {-2, 0, -0.75}, BALL_C = {2, 0, 0};
    private static final double LOG_MASS = -Math.log(3);

    private static final Piece SEGMENT = new ChartPiece() {
        public int dim() { return 1; }
        public double[] lower() { return new double[] {0}; }
        public double[] upper() { return new double[] {SEG_LEN}; }
        public double[] embed(double[] t) { return new double[] {SEG_START[0], SEG_START[1], SEG_START[2] + t[0]}; }
        public double logParamDensity(double[] t) { return -Math.log(SEG_LEN); }
        public double[] lipschitz() { return new double[] {1}; }
        public double[] maxStep() { return new double[] {0.5}; }
        public double[] project(double[] x) {
            return embed(new double[] {Math.max(0, Math.min(SEG_LEN, x[2] - SEG_START[2]))});
        }
        public Mat tangent() { return Frames.columns(new double[] {0, 0, 1}); }
        public double[] sample(Rng rng) { return embed(new double[] {rng.uniform(0, SEG_LEN)}); }
    };

    private static final Piece DISC = new ChartPiece() {
        public int dim() { return 2; }
        public double[] lower() { return new double[] {0, 0}; }
        public double[] upper() { return new double[] {DISC_R, 2 * Math.PI}; }
        public double[] embed(double[] t) { return new double[] {t[0] * Math.cos(t[1]), t[0] * Math.sin(t[1]), 0}; }
        public double logParamDensity(double[] t) { return Math.log(t[0] / (Math.PI * DISC_R * DISC_R)); }
        public double[] lipschitz() { return new double[] {1, DISC_R}; }
        public double[] maxStep() { return new double[] {DISC_R / 3, Math.PI / 4}; }
        public double[] project(double[] x) {
            double rho = Math.hypot(x[0], x[1]), f = rho > DISC_R ? DISC_R / rho : 1;
            return new double[] {f * x[0], f * x[1], 0};
        }
        public Mat tangent() { return Frames.columns(new double[] {1, 0, 0}, new double[] {0, 1, 0}); }
        public double[] sample(Rng rng) {
            return embed(new double[] {DISC_R * Math.sqrt(rng.uniform()), rng.uniform(0, 2 * Math.PI)});
        }
    };

    private static final Piece BALL = new Piece() {
        public int dim() { return 3; }
        public double[] project(double[] x) {
            double[] p = Vec.sub(x, BALL_C);
            double n = Vec.norm(p);
            return n > BALL_R ? Vec.axpy(BALL_C, BALL_R / n, p) : x.clone();
        }
        public Mat tangent() { return Mat.identity(3); }
        public double[] sample(Rng rng) {
            return Vec.axpy(BALL_C, BALL_R * Math.cbrt(rng.uniform()), rng.unitVector(3));
        }
        public Quadrature rule(double[] x, double sigma, double delta, int n) { return ballRule(x, sigma, delta, 5 * n); }
    };

    /**
     * The uniform ball in spherical coordinates about the axis e = (x - c)/rho, rho = |x - c|:
     * y = c + r ((1 - u) e + sqrt(u (2 - u)) (cos phi a + sin phi b)), volume element r^2 dr du dphi, and
     * |x - y|^2 = (r - rho)^2 + 2 r rho u does not depend on phi. Only points within the reach l = sqrt(delta^2 + 2 sigma^2 T)
     * of x matter: Gauss–Legendre in r on [rho - l, rho + l] ∩ [0, R], and for each r in u on
     * [0, min(2, (l^2 - (r - rho)^2)/(2 r rho))]; in phi, 3 equally spaced nodes, exact for the posterior's degree-2 moments
     * because the integrand is constant in phi.
     */
    private static Quadrature ballRule(double[] x, double sigma, double delta, int n) {
        double[] p = Vec.sub(x, BALL_C);
        double rho = Vec.norm(p);
        double[] e = rho == 0 ? new double[] {0, 0, 1} : Vec.scale(1 / rho, p);
        double[][] ab = Sphere.tangentPair(e);
        double reach2 = delta * delta + 2 * sigma * sigma * ChartQuadrature.TAIL, reach = Math.sqrt(reach2);
        double rLo = Math.max(0, rho - reach), rHi = Math.min(BALL_R, rho + reach);
        if (rLo >= rHi) return new Quadrature(new Mat(0, 3), new double[0]);
        int nPhi = 3;
        double logConst = LOG_MASS - Math.log(4 * Math.PI / 3 * BALL_R * BALL_R * BALL_R) + Math.log(2 * Math.PI / nPhi);
        GaussLegendre.Rule gr = GaussLegendre.on(rLo, rHi, n);
        Mat nodes = new Mat(n * n * nPhi, 3);
        double[] logW = new double[n * n * nPhi];
        double[] y = new double[3];
        int row = 0;
        for (int i = 0; i < n; i++) {
            double r = gr.nodes()[i];
            double uMax = rho == 0 ? 2 : Math.min(2, (reach2 - (r - rho) * (r - rho)) / (2 * r * rho));
            GaussLegendre.Rule gu = GaussLegendre.on(0, uMax, n);
            for (int j = 0; j < n; j++) {
                double u = gu.nodes()[j], c = r * (1 - u), s = r * Math.sqrt(u * (2 - u));
                double lw = logConst + Math.log(gr.weights()[i] * gu.weights()[j] * r * r);
                for (int k = 0; k < nPhi; k++) {
                    double cp = Math.cos(2 * Math.PI * k / nPhi), sp = Math.sin(2 * Math.PI * k / nPhi);
                    for (int a = 0; a < 3; a++) y[a] = BALL_C[a] + c * e[a] + s * (cp * ab[0][a] + sp * ab[1][a]);
                    nodes.setRow(row, y);
                    logW[row++] = lw;
                }
            }
        }
        return new Quadrature(nodes, logW);
    }

    private static final List<Piece> PIECES = List.of(SEGMENT, DISC, BALL);

    static MixedUnion fromSpec(ManifoldSpec spec) {
        spec.allowOnly();
        return new MixedUnion();
    }

    @Override public String name() { return "mixed"; }
    @Override public int intrinsicDim() { return 3; }
    @Override public int ambientDim() { return 3; }

    private Piece nearest(double[] x) {
        checkDim(x);
        Piece best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (Piece p : PIECES) {
            double d = Vec.dist2(x, p.project(x));
            if (d < bestD) { bestD = d; best = p; }
        }
        return best;
    }

    @Override public int intrinsicDimAt(double[] x) { return nearest(x).dim(); }

    @Override public double[] project(double[] x) { return nearest(x).project(x); }

    @Override public Mat tangentBasis(double[] x) { return nearest(x).tangent(); }

    @Override public Mat sample(int n, long seed) {
        Rng rng = new Rng(seed);
        Mat out = new Mat(n, 3);
        for (int i = 0; i < n; i++) out.setRow(i, PIECES.get(rng.nextInt(PIECES.size())).sample(rng));
        return out;
    }

    @Override public Quadrature quadrature(double[] x, double sigma) { return quadrature(x, sigma, ChartQuadrature.NODES); }

    /** The union rule with n Gauss–Legendre nodes per parameter per leaf. */
    public Quadrature quadrature(double[] x, double sigma, int n) {
        double delta = distance(x);
        Quadrature[] parts = new Quadrature[PIECES.size()];
        int rows = 0;
        for (int p = 0; p < parts.length; p++) {
            parts[p] = PIECES.get(p).rule(x, sigma, delta, n);
            rows += parts[p].logWeights().length;
        }
        Mat nodes = new Mat(rows, 3);
        double[] logW = new double[rows];
        int at = 0;
        for (Quadrature q : parts) {
            int m = q.logWeights().length;
            System.arraycopy(q.nodes().data(), 0, nodes.data(), at * 3, m * 3);
            System.arraycopy(q.logWeights(), 0, logW, at, m);
            at += m;
        }
        return new Quadrature(nodes, logW);
    }

    @Override public String describe() {
        return "mixed: segment (d=1) + disc (d=2) + ball (d=3) in R^3, mass 1/3 each, uniform on each piece";
    }
}
