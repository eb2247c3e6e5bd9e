package io.scorescope.field;

import io.scorescope.engine.Linalg;
import io.scorescope.math.Mat;
import java.util.stream.IntStream;

/**
 * Fast evaluation of the Gaussian smoothing of a weighted point set, q_sigma(x) = sum_i w_i N(x; y_i, sigma^2 I),
 * through the posterior p_i ∝ w_i exp(-|x - y_i|^2 / (2 sigma^2)) (see {@link Posterior} for the identities).
 * It computes only what is asked: the score needs the weights and E[x0|x] (O(nD) per point), the
 * log-density only the weights, and only {@link #posterior} forms Cov[x0|x] (O(n' D^2) over the n' nodes
 * with non-zero weight). Batches run in parallel over points when the work is large; results do not depend
 * on the thread count.
 */
public final class NodeSmoothing {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double PARALLEL_WORK = 4e6;
    /** Points evaluated together against each block of nodes. */
    private static final int GROUP = 16;
    /** Nodes per block (a block of 64 nodes at D = 784 is 400 kB, about an L2 cache). */
    private static final int BLOCK = 64;
    /** Covariances above this many multiply-adds go through BLAS, in blocks of BLAS_ROWS deviations. */
    static final double BLAS_WORK = 5e7;
    private static final int BLAS_ROWS = 2048;

    private final Mat nodes;
    private final double[] logWeights;
    private final int n;
    private final int d;

    /** Nodes y (n x D) with log prior weights (need not be normalised; q_sigma is normalised if they sum to one). */
    public NodeSmoothing(Mat nodes, double[] logWeights) {
        if (nodes.rows() != logWeights.length) throw new IllegalArgumentException("nodes and weights differ in count");
        if (nodes.rows() == 0) throw new IllegalArgumentException("no nodes");
        this.nodes = nodes;
        this.logWeights = logWeights;
        this.n = nodes.rows();
        this.d = nodes.cols();
    }

    /** Uniform weights 1/n: the smoothed empirical distribution of the rows of y. */
    public static NodeSmoothing uniform(Mat y) {
        double[] lw = new double[y.rows()];
        java.util.Arrays.fill(lw, -Math.log(y.rows()));
        return new NodeSmoothing(y, lw);
    }

    public int dim() { return d; }

    public int size() { return n; }

    /** Writes the normalised posterior weights into p (length n) and returns log q_sigma(x). */
    public double weights(double[] x, double sigma, double[] p) {
        double[][] ps = {p};
        return weights(new double[][] {x}, new double[] {sigma}, ps)[0];
    }

    /**
     * Posterior weights for a group of points at once (p[j] of length n for point j); returns log q_sigma(x_j).
     * Nodes are visited in cache-sized blocks shared by the whole group, so the node matrix is streamed
     * from memory once per group rather than once per point.
     */
    private double[] weights(double[][] xs, double[] sigma, double[][] p) {
        int g = xs.length;
        double[] inv = new double[g];
        for (int j = 0; j < g; j++) {
            if (xs[j].length != d) throw new IllegalArgumentException("point has dim " + xs[j].length + ", nodes have " + d);
            if (!(sigma[j] > 0) || !Double.isFinite(sigma[j])) throw new IllegalArgumentException("noise level must be positive, got " + sigma[j]);
            inv[j] = 1 / (2 * sigma[j] * sigma[j]);
        }
        double[] y = nodes.data();
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int b1 = Math.min(n, b0 + BLOCK);
            for (int j = 0; j < g; j++) {
                double[] x = xs[j], pj = p[j];
                for (int i = b0; i < b1; i++) pj[i] = logWeights[i] - squaredDistance(x, y, i * d) * inv[j];
            }
        }
        double[] logQ = new double[g];
        for (int j = 0; j < g; j++) {
            double[] pj = p[j];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) if (pj[i] > max) max = pj[i];
            double sum = 0;
            for (int i = 0; i < n; i++) { pj[i] = Math.exp(pj[i] - max); sum += pj[i]; }
            double invSum = 1 / sum;
            for (int i = 0; i < n; i++) pj[i] *= invSum;
            logQ[j] = max + Math.log(sum) - 0.5 * d * (LOG_2PI + 2 * Math.log(sigma[j]));
        }
        return logQ;
    }

    /** log q_sigma(x). */
    public double logDensity(double[] x, double sigma) { return weights(x, sigma, new double[n]); }

    /** g = (E[x0|x] - x) / sigma^2, without forming the covariance. */
    public double[] score(double[] x, double sigma) { return scores(new double[][] {x}, new double[] {sigma})[0]; }

    /** Scores of a group of points, sharing node blocks (see {@link #weights(double[][], double[], double[][])}). */
    private double[][] scores(double[][] xs, double[] sigma) {
        double[][] p = new double[xs.length][n];
        weights(xs, sigma, p);
        double[][] m = means(p);
        for (int j = 0; j < xs.length; j++) {
            double inv = 1 / (sigma[j] * sigma[j]);
            for (int k = 0; k < d; k++) m[j][k] = (m[j][k] - xs[j][k]) * inv;
        }
        return m;
    }

    /** The full posterior at x: weights, E[x0|x], Cov[x0|x], log q_sigma(x). */
    public Posterior posterior(double[] x, double sigma) {
        double[] p = new double[n];
        double logQ = weights(x, sigma, p);
        double[] m = means(new double[][] {p})[0];
        return new Posterior(p, m, covariance(p, m), logQ, sigma);
    }

    /** Scores of a batch, one noise level per row; points are processed in groups of {@value #GROUP}. */
    public Mat score(Mat x, double[] sigma) {
        Mat g = new Mat(x.rows(), d);
        int groups = (x.rows() + GROUP - 1) / GROUP;
        parallelIf(groups, x.rows(), k -> {
            int r0 = k * GROUP, r1 = Math.min(x.rows(), r0 + GROUP);
            double[][] xs = new double[r1 - r0][];
            for (int i = r0; i < r1; i++) xs[i - r0] = x.row(i);
            double[][] out = scores(xs, java.util.Arrays.copyOfRange(sigma, r0, r1));
            for (int i = r0; i < r1; i++) g.setRow(i, out[i - r0]);
        });
        return g;
    }

    /** Jacobians (Cov[x0|x] - sigma^2 I) / sigma^4 of a batch. */
    public Mat[] jacobian(Mat x, double[] sigma) {
        Mat[] out = new Mat[x.rows()];
        parallelIf(x.rows(), x.rows(), i -> out[i] = posterior(x.row(i), sigma[i]).jacobian());
        return out;
    }

    /** log q_sigma of a batch. */
    public double[] logDensity(Mat x, double[] sigma) {
        double[] out = new double[x.rows()];
        parallelIf(x.rows(), x.rows(), i -> out[i] = logDensity(x.row(i), sigma[i]));
        return out;
    }

    /** Runs body for tasks 0..count-1, in parallel when there are several and the work (points x n x D) is large. */
    private void parallelIf(int count, int points, java.util.function.IntConsumer body) {
        IntStream r = IntStream.range(0, count);
        if (count > 1 && (double) points * n * d > PARALLEL_WORK) r = r.parallel();
        r.forEach(body);
    }

    /** sum_i p_ji y_i for each point j of a group, over the nodes with non-zero weight, node block by node block. */
    private double[][] means(double[][] p) {
        double[] y = nodes.data();
        double[][] m = new double[p.length][d];
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int b1 = Math.min(n, b0 + BLOCK);
            for (int j = 0; j < p.length; j++) {
                double[] pj = p[j], mj = m[j];
                for (int i = b0; i < b1; i++) {
                    double w = pj[i];
                    if (w == 0) continue;
                    int o = i * d;
                    for (int k = 0; k < d; k++) mj[k] += w * y[o + k];
                }
            }
        }
        return m;
    }

    /**
     * sum_i p_i (y_i - m)(y_i - m)^T over the nodes with non-zero weight: in Java, four nodes per pass over the upper
     * triangle, or, when that is more than {@value #BLAS_WORK} multiply-adds (many active nodes in high dimension,
     * e.g. a large sigma over 60 000 images in D = 784), as weighted Gram matrices of blocks of {@value #BLAS_ROWS}
     * deviations by {@link Linalg#weightedGram} (BLAS, several times faster).
     */
    private Mat covariance(double[] p, double[] m) {
        int[] active = IntStream.range(0, n).filter(i -> p[i] != 0).toArray();
        if ((double) active.length * d * d / 2 > BLAS_WORK) return covarianceByBlocks(p, m, active);
        double[] y = nodes.data();
        double[] c = new double[d * d];
        double[][] dev = new double[4][d];
        double[] w = new double[4];
        for (int start = 0; start < active.length; start += 4) {
            for (int s = 0; s < 4; s++) {
                int idx = start + s;
                if (idx < active.length) {
                    int o = active[idx] * d;
                    w[s] = p[active[idx]];
                    for (int k = 0; k < d; k++) dev[s][k] = y[o + k] - m[k];
                } else {
                    w[s] = 0;
                    java.util.Arrays.fill(dev[s], 0);
                }
            }
            double[] d0 = dev[0], d1 = dev[1], d2 = dev[2], d3 = dev[3];
            for (int a = 0; a < d; a++) {
                double p0 = w[0] * d0[a], p1 = w[1] * d1[a], p2 = w[2] * d2[a], p3 = w[3] * d3[a];
                int row = a * d;
                for (int b = a; b < d; b++) c[row + b] += p0 * d0[b] + p1 * d1[b] + p2 * d2[b] + p3 * d3[b];
            }
        }
        for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) c[a * d + b] = c[b * d + a];
        return new Mat(d, d, c);
    }

    private Mat covarianceByBlocks(double[] p, double[] m, int[] active) {
        double[] y = nodes.data();
        Mat c = new Mat(d, d);
        for (int b0 = 0; b0 < active.length; b0 += BLAS_ROWS) {
            int b1 = Math.min(active.length, b0 + BLAS_ROWS);
            Mat dev = new Mat(b1 - b0, d);
            double[] w = new double[b1 - b0];
            for (int i = b0; i < b1; i++) {
                int o = active[i] * d, r = (i - b0) * d;
                w[i - b0] = p[active[i]];
                for (int k = 0; k < d; k++) dev.data()[r + k] = y[o + k] - m[k];
            }
            c = c.plus(Linalg.weightedGram(dev, w));
        }
        return c.symmetricPart();
    }

    /** |x - y_o|^2 with four independent accumulators (instruction-level parallelism). */
    private double squaredDistance(double[] x, double[] y, int o) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            double t0 = x[k] - y[o + k], t1 = x[k + 1] - y[o + k + 1], t2 = x[k + 2] - y[o + k + 2], t3 = x[k + 3] - y[o + k + 3];
            s0 += t0 * t0; s1 += t1 * t1; s2 += t2 * t2; s3 += t3 * t3;
        }
        for (; k < d; k++) { double t = x[k] - y[o + k]; s0 += t * t; }
        return (s0 + s1) + (s2 + s3);
    }

}
