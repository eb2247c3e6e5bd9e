package io.scorescope.field;

import io.scorescope.math.Mat;
import io.scorescope.math.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gaussian mixture q0 = sum_k w_k N(mu_k, Sigma_k) under heat smoothing, q_sigma = sum_k w_k N(mu_k, C_k)
 * with C_k = Sigma_k + sigma^2 I. With responsibilities r_k(x) = w_k q_k(x) / q_sigma(x) and the
 * component scores g_k and Jacobians J_k = -C_k^{-1} (see {@link GaussianField}):
 * <ul>
 *   <li>score g = sum_k r_k g_k,</li>
 *   <li>Jacobian J = sum_k r_k (J_k + g_k g_k^T) - g g^T (symmetric),</li>
 *   <li>log q_sigma(x) = logsumexp_k (log w_k + log q_k(x)).</li>
 * </ul>
 * Weights are normalised to sum to one.
 */
public final class GaussianMixtureField implements PointwiseField {
    private final double[] logWeights;
    private final List<GaussianField> components;

    /** One mixture component: weight (need not be normalised) and Gaussian. */
    public record Component(double weight, GaussianField gaussian) {
        public Component {
            if (!(weight > 0) || !Double.isFinite(weight)) throw new IllegalArgumentException("mixture weight must be positive, got " + weight);
        }
    }

    public GaussianMixtureField(List<Component> components) {
        if (components.isEmpty()) throw new IllegalArgumentException("a mixture needs at least one component");
        int d = components.get(0).gaussian().dim();
        double total = 0;
        for (Component c : components) {
            if (c.gaussian().dim() != d) throw new IllegalArgumentException("mixture components differ in dimension");
            total += c.weight();
        }
        this.logWeights = new double[components.size()];
        this.components = new ArrayList<>();
        for (int k = 0; k < logWeights.length; k++) {
            logWeights[k] = Math.log(components.get(k).weight() / total);
            this.components.add(components.get(k).gaussian());
        }
    }

    @Override public int dim() { return components.get(0).dim(); }

    /** Number of components K. */
    public int size() { return components.size(); }

    /** Normalised weight of component k. */
    public double weight(int k) { return Math.exp(logWeights[k]); }

    public GaussianField component(int k) { return components.get(k); }

    /** Responsibilities r_k(x) = w_k q_k(x) / q_sigma(x) and log q_sigma(x) at one point. */
    public record Responsibilities(double[] r, double logDensity) {}

    public Responsibilities responsibilities(double[] x, double sigma) {
        double[] logits = new double[size()];
        for (int k = 0; k < logits.length; k++) logits[k] = logWeights[k] + components.get(k).logDensity(x, sigma);
        double lse = Vec.logSumExp(logits);
        double[] r = new double[logits.length];
        for (int k = 0; k < r.length; k++) r[k] = Math.exp(logits[k] - lse);
        return new Responsibilities(r, lse);
    }

    /** g = sum_k r_k g_k at one point. */
    public double[] score(double[] x, double sigma) {
        double[] r = responsibilities(x, sigma).r();
        double[] g = new double[dim()];
        for (int k = 0; k < r.length; k++) if (r[k] > 0) g = Vec.axpy(g, r[k], components.get(k).score(x, sigma));
        return g;
    }

    /** J = sum_k r_k (J_k + g_k g_k^T) - g g^T at one point. */
    public Mat jacobian(double[] x, double sigma) {
        double[] r = responsibilities(x, sigma).r();
        int d = dim();
        double[] g = new double[d];
        Mat j = new Mat(d, d);
        for (int k = 0; k < r.length; k++) {
            if (r[k] == 0) continue;
            GaussianField c = components.get(k);
            double[] gk = c.score(x, sigma);
            g = Vec.axpy(g, r[k], gk);
            j = j.plusScaled(r[k], c.jacobian(sigma).plus(Mat.outer(gk, gk)));
        }
        return j.minus(Mat.outer(g, g)).symmetricPart();
    }

    /** log q_sigma(x) = logsumexp_k (log w_k + log N(x; mu_k, Sigma_k + sigma^2 I)). */
    @Override
    public double logDensity(double[] x, double sigma) { return responsibilities(x, sigma).logDensity(); }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("mixture(");
        for (int k = 0; k < size(); k++) {
            if (k > 0) sb.append("; ");
            sb.append(String.format("w=%.6g ", weight(k))).append(components.get(k).describe());
        }
        return sb.append(")").toString();
    }
}
