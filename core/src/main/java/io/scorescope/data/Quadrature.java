package io.scorescope.data;

import io.scorescope.math.Mat;

/**
 * A weighted point set approximating an integral over a manifold M against its density q0:
 * integral f(y) q0(y) dvol(y) ≈ sum_i exp(logWeights[i]) f(nodes[i]).
 * Weights include density, area element and rule weight; they sum to ~1 for a normalised density.
 */
public record Quadrature(Mat nodes, double[] logWeights) {
    public Quadrature {
        if (nodes.rows() != logWeights.length) throw new IllegalArgumentException("nodes and weights differ in count");
    }
}
