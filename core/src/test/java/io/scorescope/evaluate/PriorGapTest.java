package io.scorescope.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.sde.Prior;
import org.junit.jupiter.api.Test;

/** KL(p_sigma_max || prior) against exact answers. */
class PriorGapTest {

    /**
     * One training point a: p_sigma = N(a, s^2 I), and against N(0, s^2 I) KL = |a|^2 / (2 s^2) exactly. Each draw's
     * log ratio is |a|^2/(2 s^2) + a . z / s, so the estimate is within a few standard errors, and the standard
     * error is |a| / (s sqrt(m)).
     */
    @Test
    void onePointAgainstTheIsotropicPriorIsHalfTheSquaredDistanceOverSigmaSquared() {
        Mat a = new Mat(1, 3, new double[] {3, -1, 2});
        double s = 1.5, exact = 14 / (2 * s * s);
        PriorGap g = PriorGap.measure(Prior.ISOTROPIC, a, s, 4000, 7);
        assertEquals(4000, g.draws());
        assertEquals(Math.sqrt(14) / s / Math.sqrt(4000), g.standardError(), 0.05 * g.standardError());
        assertEquals(exact, g.klNats(), 4 * g.standardError());
        assertEquals("isotropic", g.prior());
    }

    /** The moments Gaussian of one point is N(a, 0 + s^2 I) = p_s itself, and the data prior is p_s by definition: KL = 0. */
    @Test
    void aPriorThatIsPSigmaMaxHasNoGap() {
        Mat a = new Mat(1, 2, new double[] {0.5, -4});
        PriorGap moments = PriorGap.measure(Prior.moments(a.row(0), new Mat(2, 2)), a, 0.7, 50, 1);
        assertEquals(0, moments.klNats(), 1e-10);
        assertEquals(0, moments.standardError(), 1e-10);
        Mat two = new Mat(2, 2, new double[] {1, 0, -1, 0});
        PriorGap data = PriorGap.measure(Prior.noisedData(two), two, 0.3, 50, 1);
        assertEquals(0, data.klNats(), 0);
        assertEquals(0, data.standardError(), 0);
    }

    /**
     * Two points +-1 on a line: p_s is bimodal for s << 1 and the moments Gaussian N(0, 1 + s^2) misses it by about
     * log 2 ... a few nats; for s >> 1 the two agree. With the same draws (common seed) the gap falls with s.
     */
    @Test
    void theMomentsGapFallsAsSigmaMaxOutgrowsTheData() {
        Mat pts = new Mat(2, 1, new double[] {-1, 1});
        Prior moments = Prior.moments(new double[] {0}, new Mat(1, 1, new double[] {1}));
        double[] kl = new double[4];
        double[] sig = {0.2, 1, 3, 10};
        for (int i = 0; i < sig.length; i++) kl[i] = PriorGap.measure(moments, pts, sig[i], 4000, 3).klNats();
        for (int i = 1; i < sig.length; i++) assertTrue(kl[i] < kl[i - 1], "KL at sigma " + sig[i] + " = " + kl[i] + " vs " + kl[i - 1]);
        assertTrue(kl[0] > 0.5, "a bimodal p_0.2 is far from one Gaussian: " + kl[0]);
        assertEquals(0, kl[3], 1e-3);
    }
}
