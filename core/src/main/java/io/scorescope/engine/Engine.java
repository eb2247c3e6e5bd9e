package io.scorescope.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * The single place that initialises libtorch: thread settings and device choice. CUDA is used when present, CPU otherwise.
 * <p>Thread policy (measured in docs/performance.md): torch's intra-op pool has 1 thread for MLPs, whose matrix
 * products go to OpenBLAS (two pools on two cores multiply and slow every step). Convolutional networks run their
 * kernels in torch's own pool: all cores are 1.7-1.9x faster than one on a quiet 2-core machine, but on a busy one
 * the spinning OpenMP workers made a U-Net run about 10x slower than with one thread. So a U-Net gets all cores only
 * when the machine is quiet when it is created (1-minute load average below half the cores), else 1. The environment
 * variable {@code SCORESCOPE_THREADS} overrides both; {@link #threads()} is what provenance records. Results are
 * reproducible from the seed at a given thread count (parallel kernels may round differently).
 */
public final class Engine {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    private static volatile boolean initialised;
    private static boolean convolutionPolicyApplied;
    private static Device device;

    private Engine() {}

    /**
     * Native work runs inside {@link Scope}s, each holding this lock's read side. When the JVM exits (the end of a
     * command, or a kill or Ctrl-C), a shutdown hook takes the write side: it waits, at most {@link #EXIT_WAIT_SECONDS},
     * for the open scopes to close and keeps new ones from opening. Otherwise libtorch's static state could be torn down
     * under a running op, and a killed run would end in a native crash (and a JVM crash log) instead of just stopping.
     */
    private static final ReentrantReadWriteLock NATIVE_WORK = new ReentrantReadWriteLock();
    static final long EXIT_WAIT_SECONDS = 10;

    /** Waits up to {@code seconds} for the open scopes to close, then keeps new ones from opening; false on timeout. */
    static boolean stopNativeWork(long seconds) {
        try {
            return NATIVE_WORK.writeLock().tryLock(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Lets scopes open again after {@link #stopNativeWork} (tests). */
    static void resumeNativeWork() {
        if (NATIVE_WORK.isWriteLockedByCurrentThread()) NATIVE_WORK.writeLock().unlock();
    }

    public static synchronized void init() {
        if (initialised) return;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopNativeWork(EXIT_WAIT_SECONDS), "scorescope-native-exit"));
        setThreads(override().orElse(1));
        try { torch.set_num_interop_threads(1); } catch (RuntimeException ignored) { /* only settable once */ }
        device = new Device(torch.cuda_is_available() ? "cuda" : "cpu");
        device.retainReference();   // never freed by an enclosing scope
        initialised = true;
    }

    static Device device() { init(); return device; }

    /** The intra-op thread count requested by {@code SCORESCOPE_THREADS}, if set (a positive integer). */
    public static java.util.OptionalInt override() {
        String v = System.getenv("SCORESCOPE_THREADS");
        if (v == null || v.isBlank()) return java.util.OptionalInt.empty();
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) return java.util.OptionalInt.of(n);
        } catch (NumberFormatException ignored) { /* reported below */ }
        throw new io.scorescope.io.InputException("SCORESCOPE_THREADS must be a positive integer, got '" + v + "'");
    }

    /**
     * Switches torch's intra-op pool to the convolutional policy, once per process: all cores on a quiet machine, else 1,
     * unless overridden.
     */
    static synchronized void useConvolutionThreads() {
        init();
        if (convolutionPolicyApplied) return;   // decided once per process: loading the control must not change it
        convolutionPolicyApplied = true;
        int cores = Runtime.getRuntime().availableProcessors();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.setProperty(LOAD_PROPERTY, String.valueOf(load));
        setThreads(override().orElse(load >= 0 && load < cores / 2.0 ? cores : 1));
    }

    /**
     * How many trainings may run side by side without oversubscribing the cores: cores / (intra-op threads each), at
     * least 1. An MLP trains with 1 intra-op thread (or {@code SCORESCOPE_THREADS}); a convolutional network may take
     * every core, so it never shares them.
     */
    public static int concurrentTrainings(boolean convolutional) {
        return convolutional ? 1 : sideBySide();
    }

    /**
     * How many pieces of work on different networks may run side by side now: cores / torch's intra-op threads, at
     * least 1 (2 on two cores while MLPs hold one thread; 1 once a U-Net took every core).
     */
    public static int sideBySide() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / threads());
    }

    /** Sets the intra-op pool and publishes it as the system property {@code scorescope.torch.threads} for provenance. */
    private static void setThreads(int n) {
        torch.set_num_threads(n);
        System.setProperty(THREADS_PROPERTY, String.valueOf(n));
    }

    /** The system property through which provenance learns torch's intra-op thread count. */
    public static final String THREADS_PROPERTY = "scorescope.torch.threads";

    /** The 1-minute load average seen when the convolutional thread policy was applied (provenance). */
    public static final String LOAD_PROPERTY = "scorescope.load.at.policy";

    /** torch's current intra-op thread count. */
    public static int threads() { init(); return torch.get_num_threads(); }

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
        private final PointerScope scope;

        private Scope() {
            NATIVE_WORK.readLock().lock();
            scope = new PointerScope();
        }

        /** Frees the scope's tensors; closes on the thread that opened it. */
        @Override public void close() {
            try {
                scope.close();
            } finally {
                NATIVE_WORK.readLock().unlock();
            }
        }
    }
}
