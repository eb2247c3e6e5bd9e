package io.scorescope.geometry;

import io.scorescope.engine.Linalg;
import io.scorescope.math.Mat;
import io.scorescope.math.Vec;

/**
 * Normal projection (claim A4), spec section 7. With the denoiser Jacobian M = I + sigma^2 J:
 * normalBlockNorm = ||P_N M P_N||_2 (should be ~0: the denoiser removes normal directions) and
 * leakage = ||P_N M P_T||_2 = sigma^2 ||P_N J P_T||_2 (tangent motion leaking into the normal space).
 * Spectral norms are the largest singular values of the blocks N^T M N and N^T M T ({@link Linalg}).
 * normalBlockNorm is NaN when there is no normal space (d = D); leakage when either space is empty.
 */
public record NormalProjection(double normalBlockNorm, double leakage) {

    public static NormalProjection of(Mat jacobian, double sigma, Subspace subspace) {
        return of(FrameBlocks.of(jacobian, subspace), sigma);
    }

    /** From the blocks of J in a (T, N) frame. */
    static NormalProjection of(FrameBlocks j, double sigma) {
        double s2 = sigma * sigma;
        int codim = j.nn().rows(), d = j.tt().rows();
        double normal = Double.NaN, leak = Double.NaN;
        if (codim > 0) normal = Linalg.spectralNorm(Mat.identity(codim).plusScaled(s2, j.nn()));
        if (codim > 0 && d > 0) leak = s2 * Linalg.spectralNorm(j.nt());
        return new NormalProjection(normal, leak);
    }

    /**
     * Relative error of the normal components of a score against an exact one:
     * |P_N (g - g_exact)| / |P_N g_exact| (0/0 = NaN; x/0 = +infinity).
     */
    public static double normalScoreError(double[] g, double[] gExact, Subspace subspace) {
        double num = Math.sqrt(subspace.normalNorm2(Vec.sub(g, gExact)));
        double den = Math.sqrt(subspace.normalNorm2(gExact));
        return AsymmetryBlocks.ratio(num, den);
    }
}
