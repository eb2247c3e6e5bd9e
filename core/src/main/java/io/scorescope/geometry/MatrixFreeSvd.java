package io.scorescope.geometry;

import io.scorescope.engine.Linalg;
import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-k singular values and vectors of the score Jacobian J(x) = dg_sigma/dx from Jacobian-vector products
 * alone ({@link ScoreField#jvp} for J v, {@link ScoreField#vjp} for J^T u), for when the full D x D Jacobian is too
 * dear (D = 784: 784 backward passes per point).
 *
 * <p>Golub-Kahan-Lanczos bidiagonalisation with full reorthogonalisation (Golub and Van Loan, Matrix Computations,
 * 4th ed., section 10.4): from a random unit v_1, step j computes
 * <pre>
 *   alpha_j u_j = J v_j - beta_{j-1} u_{j-1},   beta_j v_{j+1} = J^T u_j - alpha_j v_j,
 * </pre>
 * each new vector orthogonalised twice against all earlier ones, so that J V_j = U_j B_j and
 * J^T U_j = V_j B_j^T + beta_j v_{j+1} e_j^T with B_j upper bidiagonal (alpha on the diagonal, beta above it). The
 * Ritz values are the singular values theta_i of B_j = P diag(theta) Q^T (a small dense SVD, {@link Linalg}), with
 * vectors U_j p_i and V_j q_i; J V_j q_i = theta_i U_j p_i holds exactly and the other residual is
 * |J^T U_j p_i - theta_i V_j q_i| = beta_j |P_{j,i}|, a bound on the distance from theta_i to a singular value of J.
 * The iteration stops when that bound is at most {@code tol * theta_i} for each of the top k (never at a step where
 * the Krylov space became invariant), or after {@code maxSteps} steps; at j = D the factorisation is complete and the
 * values are exact to round-off.
 *
 * <p>An invariant Krylov space (beta_j or alpha_j below 1e-13 times the largest coefficient so far, as for a
 * repeated singular value) is continued from a new random vector orthogonal to the basis, so repeated singular values
 * are found, at the price of more steps. Known limit: a cluster of nearly equal singular values converges slowly, and
 * the bound then holds for some singular value, not necessarily the i-th.
 *
 * <p>Batched: the points run in lockstep, and each step is one jvp call and one vjp call on the rows of the points
 * still iterating. Random start vectors: Rng(seed).split(i) for point i.
 */
public final class MatrixFreeSvd {
    private static final double BREAKDOWN = 1e-13;

    private MatrixFreeSvd() {}

    /**
     * @param k        number of singular triples wanted (1 <= k <= D)
     * @param maxSteps largest Krylov dimension (capped at D; 0 means D)
     * @param tol      relative residual tolerance of each of the top k Ritz values
     * @param seed     start vectors
     */
    public record Config(int k, int maxSteps, double tol, long seed) {
        public Config {
            if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
            if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0 (0: up to D), got " + maxSteps);
            if (!(tol > 0)) throw new IllegalArgumentException("tol must be positive, got " + tol);
        }

        /** The top k to a relative residual of 1e-10, up to D steps. */
        public static Config top(int k) { return new Config(k, 0, 1e-10, 1); }
    }

    /**
     * The top k singular triples at one point: values descending, vectors as the columns of u (left) and v (right),
     * each value's residual bound, the number of Lanczos steps (= jvp and vjp calls for this point) and whether the
     * tolerance was met (false when maxSteps ran out first).
     */
    public record Result(double[] values, Mat u, Mat v, double[] residuals, int steps, boolean converged) {}

    /** The top-k singular triples of J at each row of x. */
    public static Result[] top(ScoreField field, Mat x, double[] sigma, Config cfg) {
        int n = x.rows(), d = field.dim();
        if (x.cols() != d) throw new IllegalArgumentException("points " + x.shape() + " for a field of dimension " + d);
        if (sigma.length != n) throw new IllegalArgumentException(sigma.length + " noise levels for " + n + " points");
        if (cfg.k() > d) throw new IllegalArgumentException("k = " + cfg.k() + " exceeds the dimension " + d);
        int limit = cfg.maxSteps() == 0 ? d : Math.min(d, Math.max(cfg.maxSteps(), cfg.k()));
        Rng root = new Rng(cfg.seed());
        List<State> active = new ArrayList<>();
        Result[] out = new Result[n];
        for (int i = 0; i < n; i++) active.add(new State(i, d, root.split(i)));
        while (!active.isEmpty()) {
            int m = active.size();
            Mat xs = new Mat(m, d), vs = new Mat(m, d);
            double[] ss = new double[m];
            for (int a = 0; a < m; a++) {
                State s = active.get(a);
                xs.setRow(a, x.row(s.index));
                vs.setRow(a, s.v.get(s.v.size() - 1));
                ss[a] = sigma[s.index];
            }
            Mat jv = field.jvp(xs, ss, vs);
            Mat us = new Mat(m, d);
            for (int a = 0; a < m; a++) us.setRow(a, active.get(a).forward(jv.row(a)));
            Mat jtu = field.vjp(xs, ss, us);
            for (int a = 0; a < m; a++) active.get(a).backward(jtu.row(a));
            int j = active.get(0).alpha.size();   // lockstep: every active point has taken j steps
            if (j < Math.min(cfg.k(), limit)) continue;
            Mat[] bs = new Mat[m];
            for (int a = 0; a < m; a++) bs[a] = active.get(a).bidiagonal();
            Linalg.Svd[] svd = Linalg.svd(bs);
            List<State> next = new ArrayList<>();
            for (int a = 0; a < m; a++) {
                State s = active.get(a);
                Result r = s.ritz(svd[a], cfg, j >= limit);
                if (r == null) next.add(s); else out[s.index] = r;
            }
            active = next;
        }
        return out;
    }

    /** One point's Lanczos vectors and coefficients. */
    private static final class State {
        final int index, d;
        final Rng rng;
        final List<double[]> u = new ArrayList<>(), v = new ArrayList<>();
        final List<Double> alpha = new ArrayList<>(), beta = new ArrayList<>();
        double scale = 0;          // the largest coefficient so far, a lower bound on ||J||_2
        boolean restarted = false; // the last beta was a breakdown

        State(int index, int d, Rng rng) {
            this.index = index;
            this.d = d;
            this.rng = rng;
            v.add(randomOrthogonal(v));
        }

        /** alpha_j u_j = J v_j - beta_{j-1} u_{j-1}; returns u_j. */
        double[] forward(double[] jv) {
            double[] p = jv;
            if (!u.isEmpty()) p = Vec.axpy(p, -beta.get(beta.size() - 1), u.get(u.size() - 1));
            orthogonalise(p, u);
            double a = Vec.norm(p);
            scale = Math.max(scale, a);
            double[] next;
            if (a <= BREAKDOWN * scale || a == 0) {
                a = 0;
                next = randomOrthogonal(u);
            } else {
                next = Vec.scale(1 / a, p);
            }
            alpha.add(a);
            u.add(next);
            return next;
        }

        /** beta_j v_{j+1} = J^T u_j - alpha_j v_j. */
        void backward(double[] jtu) {
            double[] r = Vec.axpy(jtu, -alpha.get(alpha.size() - 1), v.get(v.size() - 1));
            orthogonalise(r, v);
            double b = Vec.norm(r);
            scale = Math.max(scale, b);
            restarted = v.size() < d && (b <= BREAKDOWN * scale || b == 0);
            if (v.size() >= d) {
                beta.add(b);   // the basis is complete: r is round-off, there is no v_{D+1}
                return;
            }
            if (restarted) {
                beta.add(0.0);
                v.add(randomOrthogonal(v));
            } else {
                beta.add(b);
                v.add(Vec.scale(1 / b, r));
            }
        }

        /** B_j: alpha on the diagonal, beta_1..beta_{j-1} above it. */
        Mat bidiagonal() {
            int j = alpha.size();
            Mat b = new Mat(j, j);
            for (int i = 0; i < j; i++) {
                b.set(i, i, alpha.get(i));
                if (i + 1 < j) b.set(i, i + 1, beta.get(i));
            }
            return b;
        }

        /** The Ritz triples if they meet the tolerance (or {@code last}), else null. */
        Result ritz(Linalg.Svd svd, Config cfg, boolean last) {
            int j = alpha.size(), k = cfg.k();
            double[] theta = svd.s();
            double lastBeta = v.size() > j ? beta.get(j - 1) : 0;   // complete basis: no residual left
            double[] res = new double[k];
            boolean ok = !restarted;
            for (int i = 0; i < k; i++) {
                res[i] = Math.abs(lastBeta * svd.u().get(j - 1, i));
                ok &= res[i] <= cfg.tol() * Math.max(theta[i], 1e-300);
            }
            if (!ok && !last) return null;
            Mat left = new Mat(d, k), right = new Mat(d, k);
            for (int i = 0; i < k; i++)
                for (int t = 0; t < j; t++) {
                    double pu = svd.u().get(t, i), qv = svd.v().get(t, i);
                    double[] ut = u.get(t), vt = v.get(t);
                    for (int r = 0; r < d; r++) {
                        left.add(r, i, pu * ut[r]);
                        right.add(r, i, qv * vt[r]);
                    }
                }
            return new Result(java.util.Arrays.copyOf(theta, k), left, right, res, j, ok || isComplete());
        }

        private boolean isComplete() { return alpha.size() >= d; }

        /** A random unit vector orthogonal to the basis (which has fewer than d vectors). */
        private double[] randomOrthogonal(List<double[]> basis) {
            for (int attempt = 0; attempt < 10; attempt++) {
                double[] z = rng.gaussian(d);
                orthogonalise(z, basis);
                double nz = Vec.norm(z);
                if (nz > 1e-8) return Vec.scale(1 / nz, z);
            }
            throw new IllegalStateException("cannot extend a basis of " + basis.size() + " vectors in dimension " + d);
        }

        /** Two passes of Gram-Schmidt against the basis, in place. */
        private static void orthogonalise(double[] p, List<double[]> basis) {
            for (int pass = 0; pass < 2; pass++)
                for (double[] q : basis) {
                    double c = Vec.dot(q, p);
                    for (int r = 0; r < p.length; r++) p[r] -= c * q[r];
                }
        }
    }
}
