package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Vec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Adaptive quadrature over a {@link Chart} for the posterior at (x, sigma), by branch and bound on parameter cells.
 * A cell with centre c and half-widths h_i is within distance |x - f(c)| - sum_i L_i h_i of x at best; it is dropped when
 * that lower bound b satisfies b^2 - delta^2 > 2 sigma^2 T (T = {@value #TAIL}), delta being the distance from x to any
 * point of M (so every dropped node has Gaussian factor < e^-T relative to the closest point — this holds even when several
 * sheets are near x). Cells are bisected until L_i (2 h_i) <= {@value #LEAF_SIGMAS} sigma and 2 h_i <= maxStep_i; each leaf
 * carries a tensor Gauss–Legendre rule with n nodes per parameter, weights GL weight times p(t).
 */
public final class ChartQuadrature {
    /** Tail cut-off: dropped nodes carry < e^-45 ≈ 3e-20 of the closest node's Gaussian factor. */
    public static final double TAIL = 45;
    /** Leaf width in units of sigma (arc length). */
    public static final double LEAF_SIGMAS = 4;
    /** Default Gauss–Legendre nodes per parameter per leaf. */
    public static final int NODES = 12;

    private ChartQuadrature() {}

    /** The rule at (x, sigma) given delta >= dist(x, M), with the default node count. */
    public static Quadrature rule(Chart chart, double[] x, double sigma, double delta) {
        return rule(chart, x, sigma, delta, NODES, 0);
    }

    /**
     * @param n nodes per parameter per leaf
     * @param logMass added to every log weight (the piece's mixture weight in a union)
     */
    public static Quadrature rule(Chart chart, double[] x, double sigma, double delta, int n, double logMass) {
        int d = chart.paramDim(), dim = chart.ambientDim();
        double[] lip = chart.lipschitz(), maxStep = chart.maxStep();
        double cut = delta * delta + 2 * sigma * sigma * TAIL;
        List<double[]> leaves = new ArrayList<>(); // lo then hi, concatenated
        ArrayDeque<double[]> stack = new ArrayDeque<>();
        double[] root = new double[2 * d];
        System.arraycopy(chart.lower(), 0, root, 0, d);
        System.arraycopy(chart.upper(), 0, root, d, d);
        stack.push(root);
        double[] c = new double[d];
        while (!stack.isEmpty()) {
            double[] cell = stack.pop();
            double radius = 0, worst = 0;
            int split = -1;
            for (int i = 0; i < d; i++) {
                double w = cell[d + i] - cell[i];
                c[i] = (cell[i] + cell[d + i]) / 2;
                radius += lip[i] * w / 2;
                double excess = Math.max(lip[i] * w / (LEAF_SIGMAS * sigma), w / maxStep[i]);
                if (excess > 1 && excess > worst) { worst = excess; split = i; }
            }
            double bound = Math.max(0, Vec.dist(x, chart.embed(c)) - radius);
            if (bound * bound > cut) continue;
            if (split < 0) { leaves.add(cell); continue; }
            double[] a = cell.clone(), b = cell.clone();
            double mid = c[split];
            a[d + split] = mid;
            b[split] = mid;
            stack.push(a);
            stack.push(b);
        }
        int perLeaf = (int) Math.pow(n, d);
        Mat nodes = new Mat(leaves.size() * perLeaf, dim);
        double[] logW = new double[leaves.size() * perLeaf];
        GaussLegendre.Rule gl = GaussLegendre.standard(n);
        double[] t = new double[d];
        int row = 0;
        for (double[] cell : leaves) {
            double logCell = logMass;
            for (int i = 0; i < d; i++) logCell += Math.log((cell[d + i] - cell[i]) / 2);
            for (int m = 0; m < perLeaf; m++) {
                double lw = logCell;
                for (int i = 0, rest = m; i < d; i++, rest /= n) {
                    int j = rest % n;
                    t[i] = (cell[i] + cell[d + i]) / 2 + (cell[d + i] - cell[i]) / 2 * gl.nodes()[j];
                    lw += Math.log(gl.weights()[j]);
                }
                nodes.setRow(row, chart.embed(t));
                logW[row++] = lw + chart.logParamDensity(t);
            }
        }
        return new Quadrature(nodes, logW);
    }
}
