package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScoreUnetTest {
    /** Epsilon-style conditioning with random features: a = 0, b = -1/sigma, cIn = 1/sqrt(sigma^2 + 0.25). */
    static Conditioning conditioning(double[] sigma, int features, long seed) {
        int n = sigma.length;
        double[] a = new double[n], b = new double[n], cIn = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.3;   // a non-zero skip term exercises the a x part too
            b[i] = -1 / sigma[i];
            cIn[i] = 1 / Math.sqrt(sigma[i] * sigma[i] + 0.25);
        }
        return new Conditioning(a, b, cIn, new Rng(seed).gaussian(n, features));
    }

    /** Central differences of the float64 forward pass, column by column. */
    static Mat finiteDifference(ScoreUnet net, Mat x, Conditioning c, int i, double h) {
        int d = x.cols();
        Mat j = new Mat(d, d);
        for (int k = 0; k < d; k++) {
            Mat plus = Mat.row(x.row(i)), minus = Mat.row(x.row(i));
            plus.add(0, k, h);
            minus.add(0, k, -h);
            Conditioning ci = new Conditioning(new double[] {c.a()[i]}, new double[] {c.b()[i]}, new double[] {c.cIn()[i]},
                    Mat.row(c.features().row(i)));
            double[] gp = net.scoreFloat64(plus, ci, true).row(0), gm = net.scoreFloat64(minus, ci, true).row(0);
            for (int r = 0; r < d; r++) j.set(r, k, (gp[r] - gm[r]) / (2 * h));
        }
        return j;
    }

    /**
     * The network with every weight (live and EMA alike) moved by up to +-0.1, so that biases, norm shifts and norm
     * scales are off their initial 0, 0 and 1 and a derivative that drops or misapplies one of them shows.
     */
    static ScoreUnet perturbed(ScoreUnet net, long seed) {
        ParamArray ema = net.state().get("ema");
        float[] w = ema.data().clone();
        Rng rng = new Rng(seed);
        for (int i = 0; i < w.length; i++) w[i] += (float) rng.uniform(-0.1, 0.1);
        ParamArray p = new ParamArray(ema.shape(), w);
        net.loadWeights(Map.of("param", p, "ema", p));
        return net;
    }

    static double relative(Mat ref, Mat m) { return ref.minus(m).frobenius() / ref.frobenius(); }

    @ParameterizedTest
    @CsvSource({"8, 1", "8, 2", "4, 1", "4, 2"})   // base 8: group norm; base 4: no norm
    void forwardJacobianMatchesReverseModeForAnyChunking(int base, int channels) {
        ScoreUnet net = perturbed(ScoreUnet.create(new ScoreUnet.Shape(channels, 8, 8, base), 5, new Rng(1)), 9);
        int d = net.dim();
        Mat x = new Rng(2).gaussian(3, d);
        Conditioning c = conditioning(new double[] {0.05, 0.7, 3}, 5, 3);
        Mat[] ref = net.jacobianReverse(x, c, true);
        // default (whole points per chunk here), chunks within a point, chunks straddling points (shorter and longer
        // than D), all points in one chunk
        Mat[][] forward = {net.jacobian(x, c, true), net.jacobianForward(x, c, true, 37, true), net.jacobianForward(x, c, true, 37),
                net.jacobianForward(x, c, true, d + 27), net.jacobianForward(x, c, true, 3 * d)};
        for (int v = 0; v < forward.length; v++) {
            for (int i = 0; i < 3; i++) {
                double rel = relative(ref[i], forward[v][i]);
                assertTrue(rel < 1e-10, "base " + base + ", " + channels + " channels, variant " + v + ", point " + i + ": relative error " + rel);
            }
        }
        assertTrue(relative(ref[0], ref[1]) > 1e-2, "the points' Jacobians differ, so a chunk that mixes them up shows");
        // chunks on three threads at once: the same numbers as one after the other
        Mat[][] parallel = {net.jacobianForward(x, c, true, 37, true, 3), net.jacobianForward(x, c, true, 37, false, 3)};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(forward[1][i].data(), parallel[0][i].data(), "chunks within points on 3 threads, point " + i);
            assertArrayEquals(forward[2][i].data(), parallel[1][i].data(), "chunks across points on 3 threads, point " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"8, 1", "4, 1", "8, 3"})   // base, bottleneck blocks
    void forwardJacobianMatchesFiniteDifferences(int base, int bottleneck) {
        ScoreUnet net = perturbed(ScoreUnet.create(new ScoreUnet.Shape(1, 8, 8, base, bottleneck), 5, new Rng(1)), 9);
        Mat x = new Rng(2).gaussian(2, 64);
        Conditioning c = conditioning(new double[] {0.3, 1.5}, 5, 3);
        Mat[] j = net.jacobian(x, c, true);
        for (int i = 0; i < 2; i++) {
            Mat fd = finiteDifference(net, x, c, i, 1e-5);
            double rel = relative(fd, j[i]);
            assertTrue(rel < 1e-7, "base " + base + ", " + bottleneck + " bottleneck blocks, point " + i + ": relative error " + rel);
            assertTrue(j[i].minus(Mat.identity(64).scale(0.3)).frobenius() > 1e-2, "the network part of J is not trivially zero");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})   // with and without group norm
    void eachExtraBottleneckBlockAddsOneResidualBlockOfWidth2c(int c) {
        // Res(2c -> 2c): two 3x3 convolutions with biases, the embedding projection E x 2c (E = 4c) with bias, and two
        // group norms of 2c scales and shifts when c is a multiple of 8
        long block = 2 * (2L * c * 2 * c * 9 + 2 * c) + (4L * c * 2 * c + 2 * c) + (c % 8 == 0 ? 2 * 2 * 2 * c : 0);
        long one = ScoreUnet.parameterCount(new ScoreUnet.Shape(1, 8, 8, c), 5);
        assertEquals(one + 2 * block, ScoreUnet.parameterCount(new ScoreUnet.Shape(1, 8, 8, c, 3), 5));
        assertEquals(one + 2 * block, ScoreUnet.create(new ScoreUnet.Shape(1, 8, 8, c, 3), 5, new Rng(1)).parameterCount());
        assertThrows(IllegalArgumentException.class, () -> new ScoreUnet.Shape(1, 8, 8, c, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})   // base 8: group norm; base 4: no norm
    void reverseJacobianMatchesFiniteDifferencesAcrossPasses(int base) {
        ScoreUnet net = ScoreUnet.create(new ScoreUnet.Shape(1, 8, 8, base), 5, new Rng(1));
        Mat x = new Rng(2).gaussian(2, 64);
        Conditioning c = conditioning(new double[] {0.3, 1.5}, 5, 3);
        Mat[] big = net.jacobianReverse(x, c, true);
        Mat[] small = net.jacobianReverse(x, c, true, 37);   // passes straddle the two points
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(big[i].data(), small[i].data(), 1e-12);
            Mat fd = finiteDifference(net, x, c, i, 1e-5);
            double rel = fd.minus(big[i]).frobenius() / fd.frobenius();
            assertTrue(rel < 1e-7, "base " + base + " point " + i + ": relative error " + rel);
            assertTrue(big[i].frobenius() > 1e-3, "Jacobian is not trivially zero");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void jvpAndVjpMatchTheReverseJacobian(int base) {
        ScoreUnet net = perturbed(ScoreUnet.create(new ScoreUnet.Shape(1, 8, 8, base), 5, new Rng(1)), 9);
        Mat x = new Rng(2).gaussian(2, 64), v = new Rng(7).gaussian(2, 64), u = new Rng(8).gaussian(2, 64);
        Conditioning c = conditioning(new double[] {0.3, 1.5}, 5, 3);
        Mat[] j = net.jacobianReverse(x, c, true);
        Mat jv = net.jvp(x, v, c, true), jtu = net.vjp(x, u, c, true);
        for (int i = 0; i < 2; i++) {
            double[] refF = j[i].times(v.row(i)), refB = j[i].transpose().times(u.row(i));
            double ef = Vec.dist(jv.row(i), refF) / Vec.norm(refF), eb = Vec.dist(jtu.row(i), refB) / Vec.norm(refB);
            assertTrue(ef < 1e-10, "base " + base + " jvp point " + i + ": rel err " + ef);
            assertTrue(eb < 1e-10, "base " + base + " vjp point " + i + ": rel err " + eb);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8})
    void float32ScoreMatchesFloat64AndTwoChannelsWork(int base) {
        ScoreUnet net = ScoreUnet.create(new ScoreUnet.Shape(2, 4, 8, base), 3, new Rng(4));
        assertEquals(64, net.dim());
        Mat x = new Rng(5).gaussian(3, 64);
        Conditioning c = conditioning(new double[] {0.1, 0.5, 2}, 3, 6);
        Mat g32 = net.score(x, c, false), g64 = net.scoreFloat64(x, c, false);
        assertTrue(g32.minus(g64).frobenius() / g64.frobenius() < 1e-5);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void energyUnetIsExactlyConservativeAndMatchesFiniteDifferences(int base) {
        ScoreUnet net = ScoreUnet.create(new ScoreUnet.Shape(1, 8, 8, base), 5, ScoreNetwork.Output.ENERGY, new Rng(1));
        Mat x = new Rng(2).gaussian(2, 64), v = new Rng(7).gaussian(2, 64);
        Conditioning c = conditioning(new double[] {0.3, 1.5}, 5, 3);
        Mat[] j = net.jacobianReverse(x, c, true);
        Mat[] split = net.jacobianReverse(x, c, true, 37);
        Mat jv = net.jvp(x, v, c, true);
        Mat[] viaInterface = net.jacobian(x, c, true);   // the energy's Jacobian stays in reverse mode
        assertThrows(IllegalStateException.class, () -> net.jacobianForward(x, c, true, 37));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(j[i].data(), split[i].data(), 1e-12);
            assertArrayEquals(j[i].data(), viaInterface[i].data(), 0);
            double asym = j[i].minus(j[i].transpose()).frobenius() / j[i].frobenius();
            assertTrue(asym < 1e-12, "energy Jacobian must be symmetric, relative asymmetry " + asym);
            Mat fd = finiteDifference(net, x, c, i, 1e-5);
            double rel = fd.minus(j[i]).frobenius() / fd.frobenius();
            assertTrue(rel < 1e-7, "base " + base + " point " + i + ": relative error " + rel);
            double[] ref = j[i].times(v.row(i));
            assertTrue(Vec.dist(jv.row(i), ref) / Vec.norm(ref) < 1e-10);
        }
        Mat g32 = net.score(x, c, true), g64 = net.scoreFloat64(x, c, true);
        assertTrue(g32.minus(g64).frobenius() / g64.frobenius() < 1e-5);
        assertTrue(g64.minus(x.scale(0.3)).frobenius() > 1e-3, "the energy term is not trivially zero");
    }
}
