package io.scorescope.geometry;

import io.scorescope.engine.Linalg;
import io.scorescope.field.Posterior;
import io.scorescope.math.Mat;

/**
 * Overlap of the learned local features with the effective density (claim A5), spec section 8.
 * The effective density at (x, sigma) is the posterior p_sigma(x0 | x); E_k is the span of the top-k
 * eigenvectors of Cov[x0 | x] (via {@link Linalg#eigh}), k = the learned local dimension.
 * <ul>
 *   <li>overlap = ||P_learned P_E||_F^2 / k = ||L^T E||_F^2 / k, the mean cos^2 of the principal angles;</li>
 *   <li>baseline k/D (expected overlap of a random k-subspace); normalised (overlap - k/D) / (1 - k/D);</li>
 * </ul>
 * all three defined only for 1 <= k <= D - 1 (NaN otherwise: with k = 0 or D every subspace overlaps
 * trivially). When the k-th and (k+1)-th posterior variances tie, E_k is not unique and the overlap depends
 * on the eigensolver's choice. Also: jacobianError = ||J - J_eff||_F / ||J_eff||_F with
 * J_eff = (Cov - sigma^2 I)/sigma^4 the posterior's exact Jacobian, and ess = 1 / sum w^2.
 */
public record EffectiveDensityOverlap(int k, int ambientDim, double overlap, double normalised, double baseline,
                                      double jacobianError, double ess) {

    /** @param keptBasis orthonormal basis of the learned tangent space (D x k) */
    public static EffectiveDensityOverlap of(Mat keptBasis, Posterior posterior, Mat jacobian) {
        int dim = keptBasis.rows(), k = keptBasis.cols();
        double ov = Double.NaN, norm = Double.NaN, base = Double.NaN;
        if (k >= 1 && k <= dim - 1) {
            Mat e = topEigenvectors(posterior.cov(), k);
            ov = subspaceOverlap(keptBasis, e);
            base = (double) k / dim;
            norm = (ov - base) / (1 - base);
        }
        Mat jEff = posterior.jacobian();
        return new EffectiveDensityOverlap(k, dim, ov, norm, base,
                jacobian.minus(jEff).frobenius() / jEff.frobenius(), posterior.effectiveSampleSize());
    }

    /** ||A^T B||_F^2 / k for orthonormal bases A, B of k-dimensional subspaces (1 = identical, 0 = orthogonal). */
    public static double subspaceOverlap(Mat a, Mat b) {
        if (a.cols() != b.cols() || a.rows() != b.rows())
            throw new IllegalArgumentException("bases " + a.shape() + " and " + b.shape() + " differ");
        return a.transpose().times(b).frobenius2() / a.cols();
    }

    /** The eigenvectors of the k largest eigenvalues of a symmetric matrix (D x k). */
    public static Mat topEigenvectors(Mat symmetric, int k) {
        Linalg.Eigh e = Linalg.eigh(symmetric);
        int dim = symmetric.rows();
        return e.vectors().cols(dim - k, dim);
    }
}
