package io.scorescope.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import org.junit.jupiter.api.Test;

/**
 * Every sampler, started from the exact q_sigmaMax of a 3-D Gaussian N(mu, diag v), must end at
 * q_sigmaMin = N(mu, v + sigmaMin^2) (and, denoised, at N(mu, v^2 / (v + sigmaMin^2))): sample means within
 * 4.5 standard errors, variances within 4.5 standard errors plus an allowance a little above each discrete
 * chain's own bias, computed from its exact variance recursion on this Gaussian: reverse SDE K=500 about 1%,
 * PC (r = 0.05, K=300) 0.6%, annealed Langevin (K=50, T=20, eps=4e-5) 1.7%, VP Euler–Maruyama (K=500) 0.3%.
 */
class SamplerMomentsTest {
    static final double[] MU = {0.5, -1.0, 2.0};
    static final double[] V = {1.0, 0.25, 2.0};
    static final int N = 20000;
    static final double SIGMA_MIN = 0.01, SIGMA_MAX = 3;
    final DiagonalGaussianField field = new DiagonalGaussianField(MU, V);

    Mat prior(long seed) { return field.sample(N, SIGMA_MAX, new Rng(seed)); }

    @Test
    void reverseSdeReachesTheData() {
        NoiseSchedule schedule = NoiseSchedule.geometric(SIGMA_MAX, SIGMA_MIN, 500);
        check("reverse-sde", ReverseSde.run(field, schedule, prior(1), new Rng(11), StepCallback.NONE), SIGMA_MIN, 0.015);
    }

    @Test
    void predictorCorrectorReachesTheData() {
        NoiseSchedule schedule = NoiseSchedule.geometric(SIGMA_MAX, SIGMA_MIN, 300);
        check("pc", PredictorCorrector.run(field, schedule, prior(2), 0.05, 1, new Rng(12), StepCallback.NONE), SIGMA_MIN, 0.01);
    }

    @Test
    void probabilityFlowOdeReachesTheData() {
        check("ode", ProbabilityFlow.heun(field, NoiseSchedule.karras(SIGMA_MAX, SIGMA_MIN, 40), prior(3), StepCallback.NONE), SIGMA_MIN, 0.001);
    }

    @Test
    void annealedLangevinReachesTheData() {
        Mat out = AnnealedLangevin.run(field, NoiseSchedule.geometric(SIGMA_MAX, SIGMA_MIN, 50), prior(4), 20,
                4e-5, new Rng(14), StepCallback.NONE);
        check("langevin", out, SIGMA_MIN, 0.025);
    }

    @Test
    void vpReverseSdeOnItsTimeGridReachesTheData() {
        VpSde vp = new VpSde();
        double[] times = Sde.uniformTimes(500, 1e-3);
        Marginal start = vp.marginal(1);
        Mat x0 = field.sample(N, start.sigma(), new Rng(5)).scale(start.scale());   // exact p_1, native frame
        Mat out = vp.toVe(ReverseSde.run(field, vp, times, x0, new Rng(15), StepCallback.NONE), 1e-3);
        check("vp reverse-sde", out, vp.marginal(1e-3).sigma(), 0.005);
    }

    @Test
    void denoisedFinalStepShrinksTowardsTheMean() {
        SamplerConfig config = SamplerConfig.defaults(SIGMA_MIN, SIGMA_MAX).withSchedule("geometric", 500);
        Mat out = Samplers.sample(field, prior(6), config, new Rng(16), StepCallback.NONE);
        double[] target = new double[3];
        for (int j = 0; j < 3; j++) target[j] = V[j] * V[j] / (V[j] + SIGMA_MIN * SIGMA_MIN);
        check("denoised", out, target, 0.015);
    }

    static void moments(Mat x, double[] mean, double[] var) {
        int n = x.rows(), d = x.cols();
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x.get(i, j) / n;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { double t = x.get(i, j) - mean[j]; var[j] += t * t / (n - 1); }
    }

    static void check(String what, Mat x, double sigma, double varAllowance) {
        double[] target = new double[3];
        for (int j = 0; j < 3; j++) target[j] = V[j] + sigma * sigma;
        check(what, x, target, varAllowance);
    }

    static void check(String what, Mat x, double[] targetVar, double varAllowance) {
        double[] mean = new double[3], var = new double[3];
        moments(x, mean, var);
        for (int j = 0; j < 3; j++) {
            double target = targetVar[j];
            assertEquals(MU[j], mean[j], 4.5 * Math.sqrt(target / N), what + " mean " + j);
            assertEquals(target, var[j], 4.5 * target * Math.sqrt(2.0 / N) + varAllowance * target, what + " variance " + j);
        }
    }
}
