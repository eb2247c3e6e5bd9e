package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The optimiser step on the flat parameter vector against Adam and the EMA written out in Java doubles. */
class FlatParametersTest {

    /**
     * L(theta) = sum_j w_j (theta_j - c_j)^2 has gradient 2 w_j (theta_j - c_j). Five steps of the textbook update
     * m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, theta -= lr (m / bc1) / (sqrt(v / bc2) + eps),
     * ema = d ema + (1 - d) theta must agree with the native step to float32 round-off.
     */
    @Test
    void adamAndEmaMatchTheTextbookUpdate() {
        float[] init = {0.5f, -1.25f, 2f, 0.1f, -0.3f, 3f};
        double[] c = {1, 0, -1, 0.2, 0.5, 2.5}, w = {1, 0.5, 2, 10, 0.1, 1};
        FlatParameters p = new FlatParameters(List.of(new long[] {2, 2}, new long[] {2}), init);
        AdamConfig adam = new AdamConfig(0.8, 0.95, 1e-3);   // non-default, so that each constant matters
        double lr = 0.05, decay = 0.7;
        double[] theta = new double[init.length], m = new double[init.length], v = new double[init.length], ema = new double[init.length];
        for (int j = 0; j < init.length; j++) theta[j] = ema[j] = init[j];
        for (int step = 1; step <= 5; step++) {
            double expectedLoss = 0;
            for (int j = 0; j < theta.length; j++) expectedLoss += w[j] * (theta[j] - c[j]) * (theta[j] - c[j]);
            double loss;
            try (Engine.Scope s = Engine.scope()) {
                List<Tensor> views = p.float32(false);
                Tensor total = null;
                int off = 0;
                for (Tensor view : views) {
                    int n = (int) view.numel();
                    double[] cj = java.util.Arrays.copyOfRange(c, off, off + n), wj = java.util.Arrays.copyOfRange(w, off, off + n);
                    Tensor flat = view.reshape(n);
                    Tensor term = flat.sub(Tensors.float32(cj)).square().mul(Tensors.float32(wj)).sum();
                    total = total == null ? term : total.add(term);
                    off += n;
                }
                loss = p.minimise(total, lr, adam, decay);
            }
            assertEquals(expectedLoss, loss, 1e-5 * expectedLoss, "loss before step " + step);
            double bc1 = 1 - Math.pow(adam.beta1(), step), bc2 = 1 - Math.pow(adam.beta2(), step);
            for (int j = 0; j < theta.length; j++) {
                double g = 2 * w[j] * (theta[j] - c[j]);
                m[j] = adam.beta1() * m[j] + (1 - adam.beta1()) * g;
                v[j] = adam.beta2() * v[j] + (1 - adam.beta2()) * g * g;
                theta[j] -= lr * (m[j] / bc1) / (Math.sqrt(v[j] / bc2) + adam.eps());
                ema[j] = decay * ema[j] + (1 - decay) * theta[j];
            }
            assertEquals(step, p.adamSteps());
            float[] got = p.state().get("param").data(), gotEma = p.state().get("ema").data();
            for (int j = 0; j < theta.length; j++) {
                assertEquals(theta[j], got[j], 2e-6 * (1 + Math.abs(theta[j])), "theta_" + j + " after step " + step);
                assertEquals(ema[j], gotEma[j], 2e-6 * (1 + Math.abs(ema[j])), "ema_" + j + " after step " + step);
            }
        }
    }
}
