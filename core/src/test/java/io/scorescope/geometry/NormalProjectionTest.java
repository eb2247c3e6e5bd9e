package io.scorescope.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scorescope.math.Mat;
import io.scorescope.math.Vec;
import org.junit.jupiter.api.Test;

class NormalProjectionTest {
    static final double SIGMA = 0.2, S2 = SIGMA * SIGMA;

    /** J = -(1/sigma^2) P_N - 0.3 P_T + a rotation inside T: the denoiser removes N exactly and does not leak. */
    @Test
    void exactNormalRemovalGivesZeroNormsWhateverTheTangentPart() {
        Mat r = Fixtures.rotation(5, 2);
        Mat t = r.cols(0, 2);
        Mat pt = Mat.projector(t), pn = Mat.identity(5).minus(pt);
        Mat j = pn.scale(-1 / S2).plus(pt.scale(-0.3)).plus(Fixtures.conj(r, Fixtures.spin(5, 0, 1, 0.4)));
        NormalProjection p = NormalProjection.of(j, SIGMA, Subspace.fromTangent(t));
        assertEquals(0, p.normalBlockNorm(), 1e-12);
        assertEquals(0, p.leakage(), 1e-12);
    }

    /** In the frame (e1 | e2, e3): N^T M N = diag(0.3, -0.2) -> 0.3; N^T M T = (0.03, 0.04)^T -> 0.05. */
    @Test
    void spectralNormsOfKnownBlocks() {
        Mat j0 = Mat.of(new double[][] {
                {-0.5 / S2, 0.07 / S2, -0.02 / S2},
                {0.03 / S2, (0.3 - 1) / S2, 0},
                {0.04 / S2, 0, (-0.2 - 1) / S2}});
        Mat r = Fixtures.rotation(3, 4);
        NormalProjection p = NormalProjection.of(Fixtures.conj(r, j0), SIGMA, Subspace.fromTangent(r.cols(0, 1)));
        assertEquals(0.3, p.normalBlockNorm(), 1e-12);
        assertEquals(0.05, p.leakage(), 1e-12);
    }

    /** Thin Gaussian, normal variance c: M_NN = c / (c + sigma^2), the curvature-free analogue of spec section 7. */
    @Test
    void gaussianNormalBlockIsThePosteriorVarianceRatio() {
        double c = 0.01;
        Mat j = Fixtures.gaussian(new double[] {1, 1, c}, SIGMA);
        NormalProjection p = NormalProjection.of(j, SIGMA, Subspace.fromTangent(Fixtures.frame(3, 0, 1)));
        assertEquals(c / (c + S2), p.normalBlockNorm(), 1e-12);
        assertEquals(0, p.leakage(), 1e-15);
    }

    @Test
    void emptySpacesGiveNaN() {
        Mat j = Fixtures.gaussian(new double[] {1, 1, 0.1}, SIGMA);
        NormalProjection all = NormalProjection.of(j, SIGMA, Subspace.fromTangent(Mat.identity(3)));
        assertEquals(Double.NaN, all.normalBlockNorm());
        assertEquals(Double.NaN, all.leakage());
        NormalProjection none = NormalProjection.of(j, SIGMA, Subspace.fromTangent(new Mat(3, 0)));
        assertEquals(1 - S2 / (1 + S2), none.normalBlockNorm(), 1e-12);
        assertEquals(Double.NaN, none.leakage());
    }

    @Test
    void normalScoreErrorComparesOnlyNormalComponents() {
        Subspace s = Subspace.fromTangent(Fixtures.frame(3, 0));
        double[] exact = {5, 3, 4};   // normal part (3, 4), norm 5
        double[] model = {-100, 3.6, 3.2};   // tangent error ignored; normal error (0.6, -0.8), norm 1
        assertEquals(0.2, NormalProjection.normalScoreError(model, exact, s), 1e-12);
        assertEquals(Double.NaN, NormalProjection.normalScoreError(new double[] {1, 0, 0}, new double[] {2, 0, 0}, s));   // 0/0
        assertEquals(Double.POSITIVE_INFINITY, NormalProjection.normalScoreError(new double[] {0, 1, 0}, new double[] {1, 0, 0}, s));
        assertEquals(0, Vec.norm(s.projectNormal(new double[] {2, 0, 0})), 0);
    }
}
