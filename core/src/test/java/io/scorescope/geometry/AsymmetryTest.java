package io.scorescope.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AsymmetryTest {
    static final double SIGMA = 0.1, S2 = SIGMA * SIGMA;
    static final double[] V3 = {1.0, 0.5, 1e-4};

    static double lambda(double v) { return 1 / (v + S2); }

    @Test
    void gaussianIsConservativeToRoundoffAndReportsNoRatios() {
        Mat j = Fixtures.conj(Fixtures.rotation(3, 1), Fixtures.gaussian(V3, SIGMA));
        Asymmetry a = Asymmetry.of(j);
        assertEquals(0, a.nasym(), 1e-20);
        assertTrue(a.conservativeToRoundoff());
        AsymmetryBlocks b = AsymmetryBlocks.of(j, SIGMA, Subspace.fromTangent(Fixtures.frame(3, 0, 1)));
        assertEquals(Double.NaN, b.rTT());
        assertEquals(Double.NaN, b.tangentShare());
        assertEquals(Double.NaN, b.curlNormalCos2());
        assertEquals(1.0 / 3, b.tangentShareBaseline(), 1e-15);
    }

    @Test
    void floorSeparatesRoundoffFromSmallRealAsymmetry() {
        Mat g = Fixtures.gaussian(V3, SIGMA);
        double norm = g.frobenius();
        assertTrue(Asymmetry.of(g.plus(Fixtures.spin(3, 0, 1, 1e-8 * norm))).conservativeToRoundoff());
        assertFalse(Asymmetry.of(g.plus(Fixtures.spin(3, 0, 1, 1e-5 * norm))).conservativeToRoundoff());
    }

    /** Rotating Gaussian in D = 3, rotated by a random R: J = R(-diag(lambda) + omega(e1 e2^T - e2 e1^T))R^T, T = R span(e1, e2). */
    @Test
    void rotatingGaussianInThreeDimensionsMatchesClosedForms() {
        double w = 7;
        Mat r = Fixtures.rotation(3, 11);
        Mat j = Fixtures.conj(r, Fixtures.gaussian(V3, SIGMA).plus(Fixtures.spin(3, 0, 1, w)));
        Subspace t = Subspace.fromTangent(r.cols(0, 2));
        double l1 = lambda(V3[0]), l2 = lambda(V3[1]), l3 = lambda(V3[2]);
        Asymmetry a = Asymmetry.of(j);
        AsymmetryBlocks b = AsymmetryBlocks.of(j, SIGMA, t);
        assertEquals(2 * w * w / (l1 * l1 + l2 * l2 + l3 * l3 + 2 * w * w), a.nasym(), 1e-12);
        assertEquals(Math.sqrt(2) * w / Math.sqrt(l1 * l1 + l2 * l2 + 2 * w * w), b.rTT(), 1e-10);
        assertEquals(0, b.rNN(), 1e-15);   // codimension 1: A_NN is identically 0
        assertEquals(Double.NaN, b.rX());   // 0/0: no cross block in J
        assertEquals(1, b.tangentShare(), 1e-10);
        assertEquals(0, b.normalShare(), 1e-15);
        assertEquals(0, b.crossShare(), 1e-10);
        assertEquals(2.0 / 3, b.crossShareBaseline(), 1e-15);
        assertEquals(0, b.normalShareBaseline(), 1e-15);
        assertEquals(S2 * Math.sqrt(2) * w, b.rotTTGain(), 1e-10);
        assertEquals(0, b.rotNNGain(), 1e-15);
        assertArrayEquals(r.times(new double[] {0, 0, -2 * w}), a.curl(), 1e-10);   // curl of omega (x2, -x1, 0)
        assertEquals(1, b.curlNormalCos2(), 1e-10);
    }

    @Test
    void rotationAcrossTheSurfaceIsAllCross() {
        double w = 3;
        Mat j = Fixtures.gaussian(V3, SIGMA).plus(Fixtures.spin(3, 0, 2, w));   // g = w (x3, 0, -x1)
        Asymmetry a = Asymmetry.of(j);
        AsymmetryBlocks b = AsymmetryBlocks.of(j, SIGMA, Subspace.fromTangent(Fixtures.frame(3, 0, 1)));
        assertArrayEquals(new double[] {0, 2 * w, 0}, a.curl(), 1e-12);
        assertEquals(1, b.crossShare(), 1e-12);
        assertEquals(1, b.rX(), 1e-12);
        assertEquals(0, b.rTT(), 1e-15);
        assertEquals(0, b.curlNormalCos2(), 1e-12);
        assertEquals(b.tangentShare(), b.curlNormalCos2(), 1e-12);
    }

    /** D = 5, T = span(e1, e2): rotations a in TT, b in NN (e3, e4), c across (e2, e5). */
    @Test
    void rotatingGaussianInFiveDimensionsMatchesClosedForms() {
        double[] v = {1.0, 0.5, 1e-4, 2e-4, 3e-4};
        double wa = 4, wb = 9, wc = 2;
        Mat r = Fixtures.rotation(5, 5);
        Mat j0 = Fixtures.gaussian(v, SIGMA).plus(Fixtures.spin(5, 0, 1, wa)).plus(Fixtures.spin(5, 2, 3, wb)).plus(Fixtures.spin(5, 1, 4, wc));
        Mat j = Fixtures.conj(r, j0);
        AsymmetryBlocks b = AsymmetryBlocks.of(j, SIGMA, Subspace.fromTangent(r.cols(0, 2)));
        double[] l = new double[5];
        double sumL2 = 0;
        for (int i = 0; i < 5; i++) { l[i] = lambda(v[i]); sumL2 += l[i] * l[i]; }
        double a2 = wa * wa + wb * wb + wc * wc;
        assertEquals(2 * a2 / (sumL2 + 2 * a2), Asymmetry.of(j).nasym(), 1e-12);
        assertEquals(Math.sqrt(2) * wa / Math.sqrt(l[0] * l[0] + l[1] * l[1] + 2 * wa * wa), b.rTT(), 1e-10);
        assertEquals(Math.sqrt(2) * wb / Math.sqrt(l[2] * l[2] + l[3] * l[3] + l[4] * l[4] + 2 * wb * wb), b.rNN(), 1e-10);
        assertEquals(1, b.rX(), 1e-10);
        assertEquals(wa * wa / a2, b.tangentShare(), 1e-10);
        assertEquals(wb * wb / a2, b.normalShare(), 1e-10);
        assertEquals(wc * wc / a2, b.crossShare(), 1e-10);
        assertEquals(0.1, b.tangentShareBaseline(), 1e-15);
        assertEquals(0.3, b.normalShareBaseline(), 1e-15);
        assertEquals(0.6, b.crossShareBaseline(), 1e-15);
        assertEquals(S2 * Math.sqrt(2) * wb, b.rotNNGain(), 1e-10);
        assertNull(Asymmetry.of(j).curl());
        assertEquals(Double.NaN, b.curlNormalCos2());
    }

    @Test
    void emptyTangentOrNormalSpaceGivesNaNRatios() {
        Mat j = Fixtures.gaussian(V3, SIGMA).plus(Fixtures.spin(3, 0, 1, 2));
        AsymmetryBlocks none = AsymmetryBlocks.of(j, SIGMA, Subspace.fromTangent(new Mat(3, 0)));
        assertEquals(Double.NaN, none.rTT());
        assertEquals(Double.NaN, none.rX());
        assertEquals(1, none.normalShare(), 1e-12);
        assertEquals(1, none.normalShareBaseline(), 1e-15);
        assertEquals(1, none.curlNormalCos2(), 1e-12);
        AsymmetryBlocks all = AsymmetryBlocks.of(j, SIGMA, Subspace.fromTangent(Mat.identity(3)));
        assertEquals(Double.NaN, all.rNN());
        assertEquals(Double.NaN, all.rX());
        assertEquals(1, all.tangentShare(), 1e-12);
        assertEquals(0, all.curlNormalCos2(), 1e-12);
    }

    /** The curl of g(x) = (x2 x3, -x1, sin x1), by central differences of g, equals w from its exact Jacobian. */
    @Test
    void curlMatchesTheTrueCurlOfANonlinearField() {
        double[] x = {0.3, -0.7, 1.1};
        Mat j = Mat.of(new double[][] {{0, x[2], x[1]}, {-1, 0, 0}, {Math.cos(x[0]), 0, 0}});
        java.util.function.BiFunction<double[], Integer, double[]> g = (p, unused) -> new double[] {p[1] * p[2], -p[0], Math.sin(p[0])};
        double h = 1e-5;
        double[][] dg = new double[3][3];   // dg[i][k] = d g_i / d x_k
        for (int k = 0; k < 3; k++) {
            double[] xp = x.clone(), xm = x.clone();
            xp[k] += h;
            xm[k] -= h;
            double[] gp = g.apply(xp, 0), gm = g.apply(xm, 0);
            for (int i = 0; i < 3; i++) dg[i][k] = (gp[i] - gm[i]) / (2 * h);
        }
        double[] curl = {dg[2][1] - dg[1][2], dg[0][2] - dg[2][0], dg[1][0] - dg[0][1]};
        assertArrayEquals(curl, Asymmetry.of(j).curl(), 1e-8);
        assertArrayEquals(new double[] {0, x[1] - Math.cos(x[0]), -1 - x[2]}, Asymmetry.of(j).curl(), 1e-12);
    }

    @Property(tries = 20)
    void sharesSumToOne(@ForAll @IntRange(min = 2, max = 7) int dim, @ForAll @IntRange(min = 0, max = 7) int dRaw, @ForAll long seed) {
        int d = dRaw % (dim + 1);
        Mat j = new Rng(seed).gaussian(dim, dim);
        AsymmetryBlocks b = AsymmetryBlocks.of(j, 0.3, Subspace.fromTangent(Fixtures.rotation(dim, seed + 1).cols(0, d)));
        assertEquals(1, b.tangentShare() + b.normalShare() + b.crossShare(), 1e-12);
        assertEquals(1, b.tangentShareBaseline() + b.normalShareBaseline() + b.crossShareBaseline(), 1e-12);
    }

    /** For an isotropic random antisymmetric A (Gaussian entries) the expected shares equal the baselines exactly. */
    @Property(tries = 6)
    void isotropicAsymmetryHasBaselineShares(@ForAll @IntRange(min = 2, max = 6) int dim, @ForAll @IntRange(min = 0, max = 6) int dRaw,
                                             @ForAll long seed) {
        int d = dRaw % (dim + 1), n = 2000;
        Subspace t = Subspace.fromTangent(Fixtures.rotation(dim, seed).cols(0, d));
        Rng rng = new Rng(seed + 1);
        double st = 0, sn = 0, sx = 0;
        AsymmetryBlocks b = null;
        for (int i = 0; i < n; i++) {
            Mat a = rng.gaussian(dim, dim).antisymmetricPart();
            b = AsymmetryBlocks.of(Mat.identity(dim).plus(a), 0.1, t);
            st += b.tangentShare();
            sn += b.normalShare();
            sx += b.crossShare();
        }
        assertEquals(b.tangentShareBaseline(), st / n, 0.03);
        assertEquals(b.normalShareBaseline(), sn / n, 0.03);
        assertEquals(b.crossShareBaseline(), sx / n, 0.03);
    }
}
