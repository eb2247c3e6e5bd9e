package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.Manifold;
import io.scorescope.data.Manifolds;
import io.scorescope.field.GaussianField;
import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constrained mixing with a manifold and with an arbitrary projection (the manifold-free image variant). */
class ConstrainedMixingTest {
    private static final double SIGMA = 0.2;

    @Test
    void sameFieldForModelAndControlGivesRatiosOfOneWithADenoiserProjection() {
        ScoreField f = GaussianField.diagonal(1, 0.5, 0.01);
        Mat x0 = new Rng(1).gaussian(16, 3);
        double[] sig = new double[16];
        Arrays.fill(sig, SIGMA);
        ConstrainedMixing m = ConstrainedMixing.run(f, f, "denoiser", x -> f.denoise(x, Arrays.copyOf(sig, x.rows())), x0, 0, SIGMA, 40, 7);
        assertEquals(1, m.transportRatio(), 0);
        assertEquals(1, m.distanceRatio(), 0);
        assertTrue(m.distanceModel() > 0 && m.transportModel()[2] > 0);
        assertEquals(16, m.chains());
    }

    @Test
    void manifoldRunIsTheProjectionRunWithTheClosestPoint() {
        Manifold circle = Manifolds.byName("circle");
        ScoreField a = GaussianField.diagonal(1, 0.8), b = GaussianField.diagonal(0.5, 0.5);
        ConstrainedMixing viaManifold = ConstrainedMixing.run(a, b, circle, SIGMA, 8, 40, 11);
        Rng rng = new Rng(11);
        Mat x0 = circle.sample(8, rng.split(1).nextLong()).plus(rng.split(2).gaussian(8, 2).scale(SIGMA));
        ConstrainedMixing viaProjection = ConstrainedMixing.run(a, b, ConstrainedMixing.CLOSEST_POINT, x -> {
            Mat p = new Mat(x.rows(), x.cols());
            for (int i = 0; i < x.rows(); i++) p.setRow(i, circle.project(x.row(i)));
            return p;
        }, x0, 0, SIGMA, 40, 11);
        assertArrayEquals(viaManifold.transportModel(), viaProjection.transportModel(), 0);
        assertArrayEquals(viaManifold.transportControl(), viaProjection.transportControl(), 0);
        assertEquals(viaManifold.distanceRatio(), viaProjection.distanceRatio(), 0);
    }

    @Test
    void a6OverSeveralLevelsJudgesTheWorstRatios() {
        ConstrainedMixing good = mixing(1.2, 0.9), badTransport = mixing(0.8, 1.0);
        assertTrue(Verdicts.a6(List.of(good)).holds());
        Verdict v = Verdicts.a6(List.of(good, badTransport));
        assertFalse(v.holds());
        assertEquals(0.8, v.numbers().get("transport_ratio"), 1e-12);
        assertEquals(1.0, v.numbers().get("distance_ratio"), 1e-12);
    }

    static ConstrainedMixing mixing(double transportRatio, double distanceRatio) {
        return new ConstrainedMixing("test", 0.1, 1, 4, 0.001, new int[] {1, 2, 4}, new double[] {0, 0, transportRatio},
                new double[] {0, 0, 1}, distanceRatio, 1, 0, 0);
    }

    @Test
    void severalRulersOnOneChainGiveTheNumbersOfOneRunPerRuler() {
        ScoreField a = GaussianField.diagonal(1, 0.5, 0.01), b = GaussianField.diagonal(0.7, 0.7, 0.2);
        Mat x0 = new Rng(3).gaussian(12, 3);
        double[] sig = new double[12];
        Arrays.fill(sig, SIGMA);
        var ra = new ConstrainedMixing.Ruler("a", x -> a.denoise(x, Arrays.copyOf(sig, x.rows())));
        var rb = new ConstrainedMixing.Ruler("b", x -> b.denoise(x, Arrays.copyOf(sig, x.rows())));
        List<ConstrainedMixing> both = ConstrainedMixing.run(a, b, List.of(ra, rb), x0, 1, SIGMA, 60, 5);
        for (int k = 0; k < 2; k++) {
            var r = k == 0 ? ra : rb;
            ConstrainedMixing one = ConstrainedMixing.run(a, b, r.name(), r.projection(), x0, 1, SIGMA, 60, 5);
            ConstrainedMixing m = both.get(k);
            assertEquals(r.name(), m.ruler());
            assertArrayEquals(one.transportModel(), m.transportModel(), 0);
            assertArrayEquals(one.transportControl(), m.transportControl(), 0);
            assertEquals(one.distanceModel(), m.distanceModel(), 0);
            assertEquals(one.distanceControl(), m.distanceControl(), 0);
            assertEquals(one.autocorrModel(), m.autocorrModel(), 0);
            assertEquals(one.autocorrControl(), m.autocorrControl(), 0);
        }
        assertTrue(both.get(0).distanceModel() != both.get(1).distanceModel(), "the two rulers measure differently");
    }
}
