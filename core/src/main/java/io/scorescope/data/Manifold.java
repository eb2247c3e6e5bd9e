package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Vec;

/**
 * A d-dimensional submanifold M of R^D with a probability density q0 on it, and its exact geometry.
 * Built-ins are listed by {@link Manifolds}.
 */
public interface Manifold {
    /** CLI name, e.g. "sphere". */
    String name();

    /** Intrinsic dimension d (the largest piece's, for a mixed-dimension union). */
    int intrinsicDim();

    /** Ambient dimension D. */
    int ambientDim();

    /** n i.i.d. samples from q0 (n x D), reproducible from the seed. */
    Mat sample(int n, long seed);

    /** The closest point of M to x. */
    double[] project(double[] x);

    /** dist(x, M) = |x - project(x)|. */
    default double distance(double[] x) { return Vec.dist(x, project(x)); }

    /** Orthonormal basis of the tangent space at the closest point of M to x: D x d' columns. */
    Mat tangentBasis(double[] x);

    /** Orthonormal basis of the normal space at the closest point of M to x: D x (D - d') columns. */
    Mat normalBasis(double[] x);

    /** True intrinsic dimension d' of the piece of M closest to x (constant except for unions). */
    default int intrinsicDimAt(double[] x) { return intrinsicDim(); }

    /**
     * A quadrature rule for integrals against q0, adapted to evaluating the noisy density
     * q_sigma at x (nodes may concentrate near x when sigma is small). Accuracy contract: the posterior
     * moments of posterior over it are accurate to ~1e-8 relative for
     * sigma in [0.01, 5] at unit scale.
     */
    Quadrature quadrature(double[] x, double sigma);

    /** Human-readable description of the manifold and its density, for provenance. */
    String describe();
}
