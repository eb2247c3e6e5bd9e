package io.scorescope.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.field.GaussianField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On Gaussian data the Wiener filter is the exact posterior mean, so the table has closed forms: the Wiener ratio
 * is tr(Sigma (Sigma + sigma^2 I)^{-1}) / D in expectation, the exact field's ratio equals it draw for draw, and the
 * identity's is 1.
 */
class DenoisingTableTest {
    /** mu random, Sigma = A A^T / r with A of rank r < D: full, correlated and singular. */
    private static GaussianField gaussian(int d, int rank, long seed) {
        Mat a = new Rng(seed).gaussian(d, rank);
        return new GaussianField(new Rng(seed + 1).gaussian(d), a.times(a.transpose()).scale(1.0 / rank));
    }

    /** Draws of N(mu, Sigma): mu + A z with the same factor A (so no factorisation enters the check). */
    private static Mat draws(int d, int rank, long seed, int n) {
        Mat a = new Rng(seed).gaussian(d, rank).scale(Math.sqrt(1.0 / rank));
        double[] mu = new Rng(seed + 1).gaussian(d);
        Mat z = new Rng(seed + 2).gaussian(n, rank);
        Mat x = z.times(a.transpose());
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) x.add(i, k, mu[k]);
        return x;
    }

    @Test
    void wienerFilterOfTheTrueMomentsIsTheExactGaussianDenoiser() {
        GaussianField g = gaussian(12, 8, 3);
        WienerDenoiser w = new WienerDenoiser(g.mean(), g.covariance());
        Mat y = new Rng(9).gaussian(20, 12).scale(2);
        for (double sigma : new double[] {0.05, 0.1, 0.3, 1, 3}) {
            double[] s = new double[20];
            Arrays.fill(s, sigma);
            Mat exact = g.denoise(y, s), wiener = w.denoise(y, sigma);
            assertTrue(exact.minus(wiener).maxAbs() < 1e-9, "sigma " + sigma + ": max difference " + exact.minus(wiener).maxAbs());
        }
    }

    @Test
    void tableOnGaussianDataMatchesTheClosedFormsWithinMonteCarloError() {
        int d = 16, rank = 10, n = 4000;
        GaussianField g = gaussian(d, rank, 5);
        Mat clean = draws(d, rank, 5, n);
        WienerDenoiser w = new WienerDenoiser(g.mean(), g.covariance());
        double[] sigmas = DenoisingTable.SIGMAS;
        List<Long> progress = new ArrayList<>();
        DenoisingTable t = DenoisingTable.measure(g, w, clean, 11, sigmas, "true moments", progress::add);
        assertEquals(n, t.images());
        // progress: after every chunk of 128 images, rising, ending at one denoising per image and level
        assertEquals(sigmas.length * ((n + 127) / 128), progress.size());
        for (int i = 1; i < progress.size(); i++) assertTrue(progress.get(i) > progress.get(i - 1), "rising at " + i);
        assertEquals(DenoisingTable.work(sigmas.length, n), progress.get(progress.size() - 1));
        assertEquals(sigmas.length, t.rows().size());
        // identity: exactly the mean of eps^2 of the documented stream, at every sigma
        double[] eps = new Rng(11).split(DenoisingTable.NOISE_STREAM).gaussian(n * d);
        double meanSq = Arrays.stream(eps).map(e -> e * e).sum() / (n * d);
        for (int i = 0; i < sigmas.length; i++) {
            DenoisingTable.Row r = t.rows().get(i);
            assertEquals(sigmas[i], r.sigma());
            assertEquals(meanSq, r.identity(), 1e-12 * meanSq);
            // sum over n d squares of N(0,1): sd of the mean sqrt(2 / (n d)); 5 sd
            assertEquals(1, r.identity(), 5 * Math.sqrt(2.0 / (n * d)));
            // Wiener residual ~ N(0, sigma^2 K), K = Sigma C^{-1} with eigenvalues k_j: the per-image |r|^2 / sigma^2
            // has mean sum k_j and variance 2 sum k_j^2, so the table's mean has sd sqrt(2 sum k_j^2 / n) / D; 5 sd
            double expected = w.gaussianRatio(r.sigma());
            double sumK2 = sumOfSquaredGains(g, r.sigma());
            double tol = 5 * Math.sqrt(2 * sumK2 / n) / d;
            assertEquals(expected, r.wiener(), tol, "sigma " + r.sigma());
            assertTrue(tol < 0.1 * expected, "the tolerance is informative: " + tol + " vs " + expected);
            // the exact score's denoiser is the same function as the Wiener filter: same number on the same draws
            assertEquals(r.wiener(), r.model(), 1e-9 * r.wiener());
        }
        // rank 10 of 16: at small sigma about 10/16 of the noise is kept (the null directions are removed); less as sigma grows
        assertEquals(10.0 / 16, t.rows().get(0).wiener(), 0.05);
        for (int i = 1; i < sigmas.length; i++) assertTrue(t.rows().get(i).wiener() < t.rows().get(i - 1).wiener());
    }

    /** sum_j k_j^2 over the eigenvalues k_j = l_j / (l_j + sigma^2) of Sigma C^{-1}, from the covariance by Cholesky-free eigh. */
    private static double sumOfSquaredGains(GaussianField g, double sigma) {
        double[] l = io.scorescope.engine.Linalg.eigh(g.covariance()).values();
        double s = 0;
        for (double v : l) {
            double k = Math.max(0, v) / (Math.max(0, v) + sigma * sigma);
            s += k * k;
        }
        return s;
    }

    @Test
    void closedFormRatioIsTheTraceFormula() {
        GaussianField g = GaussianField.diagonal(new double[] {0, 0, 0}, new double[] {1, 0.25, 0});
        WienerDenoiser w = new WienerDenoiser(g.mean(), g.covariance());
        assertEquals((1 / 1.25 + 0.25 / 0.5 + 0) / 3, w.gaussianRatio(0.5), 1e-15);
        // a zero-variance direction is removed completely; a point mass denoises to the mean
        Mat y = Mat.row(1, 2, 3);
        assertArrayEquals(new double[] {1 / 1.25, 2 * 0.5, 0}, w.denoise(y, 0.5).row(0), 1e-12);
    }
}
