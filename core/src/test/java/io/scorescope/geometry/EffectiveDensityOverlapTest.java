package io.scorescope.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scorescope.field.Posterior;
import io.scorescope.math.Mat;
import io.scorescope.math.Vec;
import org.junit.jupiter.api.Test;

class EffectiveDensityOverlapTest {
    @Test
    void overlapOfIdenticalOrthogonalAndTiltedSubspaces() {
        Mat r = Fixtures.rotation(5, 9);
        assertEquals(1, EffectiveDensityOverlap.subspaceOverlap(r.cols(0, 2), r.cols(0, 2)), 1e-12);
        assertEquals(0, EffectiveDensityOverlap.subspaceOverlap(r.cols(0, 2), r.cols(2, 4)), 1e-12);
        // span(e1, e2) vs span(e1, (e2 + e3)/sqrt 2): cos^2 of the principal angles 1 and 1/2
        Mat b = Mat.of(new double[][] {{1, 0}, {0, Math.sqrt(0.5)}, {0, Math.sqrt(0.5)}});
        assertEquals(0.75, EffectiveDensityOverlap.subspaceOverlap(Fixtures.frame(3, 0, 1), b), 1e-12);
    }

    @Test
    void posteriorAlongTheKeptDirectionOverlapsFully() {
        double sigma = 0.3;
        double[] u = Vec.normalize(new double[] {1, 2, 2});
        Posterior p = Fixtures.linePosterior(u, sigma, 1);   // nodes +-0.1 u at x = 0: equal weights, ESS 2
        Mat kept = Mat.column(u);
        EffectiveDensityOverlap e = EffectiveDensityOverlap.of(kept, p, p.jacobian());
        assertEquals(1, e.k());
        assertEquals(1, e.overlap(), 1e-12);
        assertEquals(1, e.normalised(), 1e-12);
        assertEquals(1.0 / 3, e.baseline(), 1e-15);
        assertEquals(0, e.jacobianError(), 1e-15);
        assertEquals(2, e.ess(), 1e-12);
        EffectiveDensityOverlap twice = EffectiveDensityOverlap.of(kept, p, p.jacobian().scale(2));
        assertEquals(1, twice.jacobianError(), 1e-12);
    }

    @Test
    void orthogonalKeptDirectionHasNegativeNormalisedOverlap() {
        double[] u = Vec.normalize(new double[] {1, 2, 2});
        double[] w = Vec.normalize(new double[] {2, -1, 0});
        Posterior p = Fixtures.linePosterior(u, 0.3, 4);
        EffectiveDensityOverlap e = EffectiveDensityOverlap.of(Mat.column(w), p, p.jacobian());
        assertEquals(0, e.overlap(), 1e-12);
        assertEquals(-0.5, e.normalised(), 1e-12);   // (0 - 1/3) / (1 - 1/3)
    }

    @Test
    void undefinedOutsideOneToDMinusOne() {
        Posterior p = Fixtures.linePosterior(new double[] {1, 0, 0}, 0.3, 2);
        assertEquals(Double.NaN, EffectiveDensityOverlap.of(new Mat(3, 0), p, p.jacobian()).overlap());
        EffectiveDensityOverlap full = EffectiveDensityOverlap.of(Mat.identity(3), p, p.jacobian());
        assertEquals(Double.NaN, full.normalised());
        assertEquals(Double.NaN, full.baseline());
    }
}
