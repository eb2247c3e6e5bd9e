package io.scorescope.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerBehaviourTest {
    static final double[] MU = {0.5, -1.0, 2.0};
    static final double[] V = {1.0, 0.25, 2.0};
    final DiagonalGaussianField field = new DiagonalGaussianField(MU, V);
    final SamplerConfig config = SamplerConfig.defaults(0.01, 3).withSchedule("geometric", 30);

    /**
     * On N(mu, v) the ODE dx/dsigma = sigma (x - mu)/(v + sigma^2) is solved exactly by x - mu ∝ sqrt(v + sigma^2).
     * Heun on Karras K=200 is within 1e-4 of that map, and halving K quadruples the error (second order).
     */
    @Test
    void heunOdeMatchesTheExactLinearFlowMap() {
        Mat x = new Rng(1).gaussian(50, 3).scale(3);
        double fine = heunError(x, 200), coarse = heunError(x, 100);
        assertTrue(fine < 1e-4, "Heun K=200 relative error " + fine);
        assertEquals(4.0, coarse / fine, 0.5, "error ratio K=100 / K=200");
    }

    private double heunError(Mat x, int k) {
        double smax = 3, smin = 0.01, worst = 0;
        Mat out = ProbabilityFlow.heun(field, NoiseSchedule.karras(smax, smin, k), x, StepCallback.NONE);
        for (int i = 0; i < x.rows(); i++)
            for (int j = 0; j < 3; j++) {
                double shrink = Math.sqrt((V[j] + smin * smin) / (V[j] + smax * smax));
                double exact = MU[j] + shrink * (x.get(i, j) - MU[j]);
                worst = Math.max(worst, Math.abs(out.get(i, j) - exact) / (shrink * Math.max(1, Math.abs(x.get(i, j) - MU[j]))));
            }
        return worst;
    }

    @Test
    void sameSeedGivesIdenticalOutputForEverySampler() {
        Mat x = Prior.ISOTROPIC.draw(20, 3, config.sigmaMax(), new Rng(7));
        for (String name : Samplers.NAMES) {
            SamplerConfig c = config.withSampler(name);
            Mat a = Samplers.sample(field, x, c, new Rng(99), StepCallback.NONE);
            Mat b = Samplers.sample(field, x, c, new Rng(99), StepCallback.NONE);
            assertEquals(a, b, name);
            if (!name.equals("ode")) assertNotEquals(a, Samplers.sample(field, x, c, new Rng(100), StepCallback.NONE), name);
        }
    }

    /** A field that ignores x: g = c. Then x_k = x_0 + k eps c + sqrt(2 eps) sum z, so two fields differ by k eps (c1 - c2). */
    record ConstantField(double c) implements ScoreField {
        public int dim() { return 3; }
        public Mat score(Mat x, double[] sigma) {
            Mat g = new Mat(x.rows(), x.cols());
            java.util.Arrays.fill(g.data(), c);
            return g;
        }
        public String describe() { return "constant(" + c + ")"; }
    }

    @Test
    void langevinUsesCommonRandomNumbersAcrossFields() {
        Mat x0 = new Rng(3).gaussian(40, 3);
        double eps = 0.01;
        int steps = 25;
        List<Mat> a = new ArrayList<>(), b = new ArrayList<>();
        Langevin.run(new ConstantField(1.0), x0, 0.1, eps, steps, new Rng(5), s -> a.add(s.x()));
        Langevin.run(new ConstantField(-2.0), x0, 0.1, eps, steps, new Rng(5), s -> b.add(s.x()));
        assertEquals(steps + 1, a.size());
        for (int k = 0; k <= steps; k++) {
            Mat diff = a.get(k).minus(b.get(k));
            for (double d : diff.data()) assertEquals(k * eps * 3.0, d, 1e-12);
        }
        // and the noise itself: with c = 0 the increment is exactly sqrt(2 eps) z from the seeded stream
        Mat last = Langevin.run(new ConstantField(0), x0, 0.1, eps, 1, new Rng(5), StepCallback.NONE);
        Mat z = new Rng(5).gaussian(40, 3);
        assertEquals(0, last.minus(x0).minus(z.scale(Math.sqrt(2 * eps))).maxAbs(), 1e-15);
    }

    @Test
    void predictorCorrectorWithoutCorrectorIsTheReverseSde() {
        NoiseSchedule s = config.noiseSchedule();
        Mat x = Prior.ISOTROPIC.draw(10, 3, config.sigmaMax(), new Rng(2));
        assertEquals(ReverseSde.run(field, s, x, new Rng(4), StepCallback.NONE),
                PredictorCorrector.run(field, s, x, 0.16, 0, new Rng(4), StepCallback.NONE));
    }

    @Test
    void callbackSeesKPlusOneDescendingStepsAndRecorderStoresThem() {
        for (String name : Samplers.NAMES) {
            SamplerConfig c = config.withSampler(name).withDenoiseFinal(false);
            NoiseSchedule s = c.noiseSchedule();
            Mat x = Prior.ISOTROPIC.draw(6, 3, c.sigmaMax(), new Rng(1));
            List<Step> steps = new ArrayList<>();
            int[] progress = {-1};
            SampleSequence.Recorder rec = SampleSequence.recorder(s, 6, 3, true);
            Mat out = Samplers.sample(field, x, c, new Rng(2),
                    rec.andThen(steps::add).andThen(StepCallback.progress(i -> progress[0] = i)));
            assertEquals(s.steps() + 1, steps.size(), name);
            assertEquals(s.steps(), progress[0], name);
            SampleSequence seq = rec.sequence();
            assertArrayEquals(s.sigmas(), seq.sigmas(), name);
            assertEquals(6, seq.n());
            assertEquals(s.steps() + 1, seq.steps());
            assertEquals(3, seq.dim());
            for (int i = 0; i < steps.size(); i++) {
                Step st = steps.get(i);
                assertEquals(i, st.index());
                assertEquals(s.sigma(i), st.sigma(), name);
                assertEquals(st.x(), seq.atStep(i));
                assertEquals(st.denoised(), seq.denoisedAtStep(i));
                assertArrayEquals(st.x().row(4), seq.point(4, i));
                assertArrayEquals(st.denoised().row(4), seq.denoised(4, i));
                // denoised = x + sigma^2 g at the reported point
                assertEquals(0, st.x().plusScaled(st.sigma() * st.sigma(), field.score(st.x(), st.sigma()))
                        .minus(st.denoised()).maxAbs(), 1e-12, name);
            }
            if (name.equals("reverse-sde") || name.equals("ode")) assertEquals(x, seq.atStep(0), name);   // pc, langevin move first
            assertEquals(out, seq.finalPoints(), name);
            assertArrayEquals(seq.point(2, 5), seq.trajectory(2).row(5));
        }
    }

    @Test
    void denoiseFinalReturnsTheLastDenoisedEstimate() {
        Mat x = Prior.ISOTROPIC.draw(5, 3, config.sigmaMax(), new Rng(1));
        Mat raw = Samplers.sample(field, x, config.withDenoiseFinal(false), new Rng(2), StepCallback.NONE);
        Mat den = Samplers.sample(field, x, config.withDenoiseFinal(true), new Rng(2), StepCallback.NONE);
        assertEquals(0, raw.plusScaled(1e-4, field.score(raw, 0.01)).minus(den).maxAbs(), 1e-15);
    }

    @Test
    void vpStepsAreReportedInTheVeFrame() {
        VpSde vp = new VpSde();
        double[] times = Sde.uniformTimes(20, 1e-3);
        Mat x = vp.priorSample(4, 3, new Rng(1));
        List<Step> steps = new ArrayList<>();
        Mat out = ReverseSde.run(field, vp, times, x, new Rng(2), steps::add);
        assertEquals(21, steps.size());
        assertEquals(vp.marginal(1).sigma(), steps.get(0).sigma(), 1e-12);
        assertEquals(0, steps.get(0).x().minus(vp.toVe(x, 1)).maxAbs(), 1e-12);
        assertEquals(0, steps.get(20).x().minus(vp.toVe(out, 1e-3)).maxAbs(), 1e-12);
        for (int i = 1; i < 21; i++) assertTrue(steps.get(i).sigma() < steps.get(i - 1).sigma());
    }

    @Test
    void recorderRejectsMissingOrExtraSteps() {
        SampleSequence.Recorder rec = SampleSequence.recorder(2, 3, 2, false);
        assertThrows(IllegalStateException.class, rec::sequence);
        Mat x = new Mat(2, 3);
        rec.onStep(new Step(0, 1, x, x));
        assertThrows(IllegalStateException.class, () -> rec.onStep(new Step(2, 1, x, x)));
        rec.onStep(new Step(1, 0.5, x, x));
        assertThrows(IllegalStateException.class, () -> rec.onStep(new Step(2, 0.1, x, x)));
        assertThrows(IllegalStateException.class, () -> rec.sequence().denoised(0, 0));
    }

    @Test
    void unknownSamplerNameListsTheValidOnes() {
        InputException e = assertThrows(InputException.class, () -> Samplers.byName("ddim"));
        assertEquals("unknown sampler 'ddim'; valid: reverse-sde, pc, ode, langevin", e.getMessage());
        assertThrows(InputException.class, () -> config.withSampler("euler"));
        assertThrows(InputException.class, () -> config.withSigmaRange(2, 1));
        assertThrows(InputException.class, () -> Langevin.run(field, new Mat(3, 2), 0.1, 0.01, 5, new Rng(1), StepCallback.NONE));
        assertThrows(InputException.class, () -> Langevin.run(field, new Mat(3, 3), 0.1, -1, 5, new Rng(1), StepCallback.NONE));
    }
}
