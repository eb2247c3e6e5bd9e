package io.scorescope.data;

import io.scorescope.math.Vec;

/**
 * A mixture density q0(y) = sum_k w_k p_k(y) on a manifold, with named components (a uniform floor counts as
 * its own component). The soft responsibilities r_k(y) = w_k p_k(y) / q0(y) satisfy E_{q0}[r_k] = w_k, so their
 * sample mean estimates the weights without bias.
 */
public interface ComponentDensity {
    String[] componentNames();

    /** w_k, summing to 1. */
    double[] componentWeights();

    /** log p_k(y) for a point y on M, each p_k normalised with respect to the volume measure of M. */
    double[] logComponentDensities(double[] y);

    /** r_k(y) = w_k p_k(y) / q0(y) for a point y on M. */
    default double[] responsibilities(double[] y) {
        double[] w = componentWeights();
        double[] l = logComponentDensities(y);
        for (int k = 0; k < l.length; k++) l[k] += Math.log(w[k]);
        double lse = Vec.logSumExp(l);
        for (int k = 0; k < l.length; k++) l[k] = Math.exp(l[k] - lse);
        return l;
    }

    /** log q0(y) = log sum_k w_k p_k(y). */
    default double logMixtureDensity(double[] y) {
        double[] w = componentWeights();
        double[] l = logComponentDensities(y);
        for (int k = 0; k < l.length; k++) l[k] += Math.log(w[k]);
        return Vec.logSumExp(l);
    }
}
