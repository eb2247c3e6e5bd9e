package io.scorescope.engine;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * The single place that initialises libtorch: thread settings and device choice.
 * Torch's intra-op pool stays at 1 thread and OpenBLAS uses the cores (two pools on two cores
 * multiply and slow every step; measured in docs/performance.md). CUDA is used when present, CPU otherwise.
 */
public final class Engine {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    private static volatile boolean initialised;
    private static Device device;

    private Engine() {}

    public static synchronized void init() {
        if (initialised) return;
        torch.set_num_threads(1);
        try { torch.set_num_interop_threads(1); } catch (RuntimeException ignored) { /* only settable once */ }
        device = new Device(torch.cuda_is_available() ? "cuda" : "cpu");
        device.retainReference();   // never freed by an enclosing scope
        initialised = true;
    }

    static Device device() { init(); return device; }

    /** "cpu" or "cuda". */
    public static String deviceName() { return device().is_cuda() ? "cuda" : "cpu"; }

    /** libtorch version string of the bundled natives. */
    public static String torchVersion() { return io.scorescope.io.BuildInfo.LIBTORCH + " (JavaCPP presets " + io.scorescope.io.BuildInfo.JAVACPP + ")"; }

    /** Seeds libtorch's generator (parameter initialisation, on-device noise). */
    public static void seed(long seed) { init(); torch.manual_seed(seed); }

    /**
     * A scope that frees every native tensor created inside it when closed. Wrap each training
     * step, sampler step or Jacobian batch in one; create long-lived tensors outside.
     */
    public static Scope scope() { init(); return new Scope(); }

    /** A native-memory scope ({@link PointerScope}) that reads as the domain needs. */
    public static final class Scope implements AutoCloseable {
        private final PointerScope scope = new PointerScope();
        private Scope() {}
        @Override public void close() { scope.close(); }
    }
}
