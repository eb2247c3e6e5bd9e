package io.scorescope.engine;

import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Measures of the engine itself, for benchmarks: the throughput of a plain libtorch matmul, the
 * practical compute limit against which a training step's FLOP/s are judged.
 */
public final class EngineProbe {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    private EngineProbe() {}

    /**
     * Median FLOP/s (2 m k n per product) of a float32 [m, k] x [k, n] matmul on the engine's device,
     * over {@code reps} timed products after {@code Math.max(2, reps / 5)} warm-up products.
     */
    public static double matmulFlops(int m, int k, int n, int reps) {
        if (m < 1 || k < 1 || n < 1 || reps < 1) throw new IllegalArgumentException("bad matmul shape or reps");
        try (Engine.Scope s = Engine.scope()) {
            Tensor a = torch.randn(m, k).to(Engine.device(), torch.ScalarType.Float);
            Tensor b = torch.randn(k, n).to(Engine.device(), torch.ScalarType.Float);
            for (int i = 0; i < Math.max(2, reps / 5); i++) a.matmul(b).sum().item_double();
            double[] sec = new double[reps];
            for (int i = 0; i < reps; i++) {
                try (Engine.Scope inner = Engine.scope()) {
                    long t0 = System.nanoTime();
                    Tensor c = a.matmul(b);
                    c.data_ptr_float();   // completes the product (synchronises on CUDA via the host copy below)
                    if (c.is_cuda()) c.sum().item_double();
                    sec[i] = (System.nanoTime() - t0) * 1e-9;
                }
            }
            Arrays.sort(sec);
            return 2.0 * m * k * n / sec[reps / 2];
        }
    }
}
