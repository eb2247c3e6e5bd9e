package io.scorescope.lid;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import java.util.Arrays;

/**
 * FLIPD (Kamkari et al. 2024) in the project's variance-exploding form:
 * <pre>  LID(x) ~ D + sigma^2 (tr J_sigma(x) + |g_sigma(x)|^2) = D + d log q_sigma(x) / d log sigma. </pre>
 * <b>Derivation.</b> q_sigma = q0 * N(0, sigma^2 I) solves the heat equation dq/dsigma = sigma Lap q, so
 * d log q/d log sigma = sigma^2 Lap q / q = sigma^2 (Lap log q + |grad log q|^2) = sigma^2 (tr J + |g|^2). Near a
 * d-manifold q_sigma(x) ~ p(x) (2 pi sigma^2)^{-(D-d)/2}, so that derivative tends to -(D - d) and the sum to d.
 * <b>Conversion from the paper's VP scaling.</b> VP noising x_t = psi(t) x0 + sigma_t eps (psi^2 + sigma_t^2 = 1) is
 * VE noising of x_t/psi with sigma = sigma_t/psi(t); the VP density is p_t(y) = psi^{-D} q_sigma(y/psi), hence
 * s_VP(psi x) = g_sigma(x)/psi and grad s_VP(psi x) = J_sigma(x)/psi^2. The paper's
 * FLIPD(x, t0) = D + sigma_t0^2 [tr grad s_VP(psi x) + |s_VP(psi x)|^2] is therefore exactly
 * D + sigma^2 [tr J_sigma(x) + |g_sigma(x)|^2] with sigma = sigma_t0/psi(t0). (Written without the factor sigma_t^2
 * on both terms, as in some summaries, the expression is not scale-consistent.)
 * <p>Trace: EXACT = tr of {@link ScoreField#jacobian}; HUTCHINSON = (1/m) sum_k v_k^T J v_k with Rademacher v_k
 * (stream Rng(seed).split(query row)), where v^T J v is either v . {@link ScoreField#jvp} (matrix-free: exact
 * forward mode for trained networks, central differences for black-box fields; any D) or read off the full
 * Jacobian (JACOBIAN, small D). Its standard error sigma^2 sd(v^T J v)/sqrt(m) is reported per point.
 * AUTO = EXACT for D <= {@value #AUTO_EXACT_MAX_DIM}, else Hutchinson with Jacobian-vector products.
 */
public final class FlipdEstimator implements LidEstimator {
    /** How tr J is obtained. */
    public enum Trace { EXACT, HUTCHINSON_JVP, HUTCHINSON_JACOBIAN, AUTO }

    public static final int AUTO_EXACT_MAX_DIM = 64;
    private static final int BATCH = 64;
    private final double sigma;
    private final Trace trace;
    private final int probes;
    private final String name;

    public FlipdEstimator(double sigma, Trace trace, int probes) { this("flipd", sigma, trace, probes); }

    FlipdEstimator(String name, double sigma, Trace trace, int probes) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new InputException(name + ": sigma must be positive, got " + sigma);
        if (probes < 2) throw new InputException(name + ": need at least 2 Hutchinson probes, got " + probes);
        this.name = name;
        this.sigma = sigma;
        this.trace = trace;
        this.probes = probes;
    }

    @Override public String name() { return name; }

    @Override public String rule() {
        return "D + sigma^2 (tr J + |g|^2) at sigma=" + sigma + ", trace " + trace.name().toLowerCase(java.util.Locale.ROOT)
                + (trace == Trace.EXACT ? "" : " (" + probes + " Rademacher probes when Hutchinson)");
    }

    @Override public boolean needsField() { return true; }

    public double sigma() { return sigma; }

    /** The trace method used for dimension D. */
    public Trace resolved(int dim) {
        return trace != Trace.AUTO ? trace : dim <= AUTO_EXACT_MAX_DIM ? Trace.EXACT : Trace.HUTCHINSON_JVP;
    }

    @Override public Estimates estimate(LidProblem p) {
        return estimate(p.requireField(name), p.queryPoints(), p.queries(), p.seed());
    }

    /** FLIPD at the rows of x; rows[i] names the random stream of row i. */
    Estimates estimate(ScoreField f, Mat x, int[] rows, long seed) {
        int dim = x.cols();
        Trace t = resolved(dim);
        double[] out = new double[x.rows()], se = t == Trace.EXACT ? null : new double[x.rows()];
        Rng root = new Rng(seed);
        for (int from = 0; from < x.rows(); from += BATCH) {
            int to = Math.min(x.rows(), from + BATCH);
            Mat xb = x.rows(from, to);
            double[] s = new double[to - from];
            Arrays.fill(s, sigma);
            Mat g = f.score(xb, s);
            Mat[] jac = t == Trace.EXACT || t == Trace.HUTCHINSON_JACOBIAN ? f.jacobian(xb, s) : null;
            double[][] quad = t == Trace.EXACT ? null : new double[to - from][];
            if (t == Trace.HUTCHINSON_JACOBIAN)
                for (int i = 0; i < quad.length; i++) quad[i] = jacobianProbes(jac[i], root.split(rows[from + i]), probes);
            if (t == Trace.HUTCHINSON_JVP) quad = jvpProbes(f, xb, Arrays.copyOfRange(rows, from, to), root);
            for (int i = 0; i < to - from; i++) {
                double[] gi = g.row(i);
                double tr = t == Trace.EXACT ? jac[i].trace() : Vec.sum(quad[i]) / probes;
                out[from + i] = dim + sigma * sigma * (tr + Vec.dot(gi, gi));
                if (se != null) se[from + i] = sigma * sigma * standardError(quad[i]);
            }
        }
        return Estimates.ofMean(out, se);
    }

    /** v_k^T J v_k for m Rademacher probes drawn from r. */
    public static double[] jacobianProbes(Mat j, Rng r, int m) {
        double[] q = new double[m];
        for (int k = 0; k < m; k++) {
            double[] v = rademacher(r, j.cols());
            q[k] = Vec.dot(v, j.times(v));
        }
        return q;
    }

    /** v_k^T J v_k for each row and probe from one batched Jacobian-vector product. */
    private double[][] jvpProbes(ScoreField f, Mat x, int[] rows, Rng root) {
        int n = x.rows(), dim = x.cols();
        Mat pts = new Mat(n * probes, dim), v = new Mat(n * probes, dim);
        for (int i = 0; i < n; i++) {
            Rng r = root.split(rows[i]);
            double[] xi = x.row(i);
            for (int k = 0; k < probes; k++) {
                pts.setRow(i * probes + k, xi);
                v.setRow(i * probes + k, rademacher(r, dim));
            }
        }
        double[] s = new double[n * probes];
        Arrays.fill(s, sigma);
        Mat jv = f.jvp(pts, s, v);
        double[][] q = new double[n][probes];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < probes; k++) q[i][k] = Vec.dot(v.row(i * probes + k), jv.row(i * probes + k));
        return q;
    }

    private static double[] rademacher(Rng r, int dim) {
        double[] v = new double[dim];
        for (int j = 0; j < dim; j++) v[j] = r.sign();
        return v;
    }

    /** sd(q)/sqrt(m), sample s.d. */
    static double standardError(double[] q) {
        double m = Vec.sum(q) / q.length, s = 0;
        for (double v : q) s += (v - m) * (v - m);
        return Math.sqrt(s / (q.length - 1) / q.length);
    }
}
