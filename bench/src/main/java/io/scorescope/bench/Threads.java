package io.scorescope.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Thread settings shared by the two measured processes. {@link BenchMain} launches both sides as child JVMs with the
 * same environment ({@link #ENV} = N) and the same requested torch intra-op thread count
 * ({@value #PROPERTY} = N; inter-op threads 1 on both sides); each child applies the request to its own libtorch and
 * reports what it reads back, plus the CPU seconds per wall second of every row, so that a side that got more cores shows.
 */
final class Threads {
    /** System property carrying the requested thread count into each child. */
    static final String PROPERTY = "scorescope.bench.threads";
    /**
     * Environment variables set to N in both children: OpenMP (both libtorch builds), MKL (DJL's), OpenBLAS (ours), and
     * our engine's thread override, which ScoreUnet.create applies (DJL ignores it).
     */
    static final List<String> ENV = List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "SCORESCOPE_THREADS");
    /**
     * OpenMP's wait policy: PASSIVE in both children unless the caller sets it (the product launcher sets PASSIVE too).
     * Spinning OpenMP workers starve a second pool (our OpenBLAS threads) on the same cores; docs/performance.md.
     */
    static final String WAIT_POLICY = "OMP_WAIT_POLICY", PASSIVE = "PASSIVE";
    /** Reported when set (the wait policy always is); otherwise inherited from the caller by both children alike. */
    static final List<String> REPORTED = List.of(WAIT_POLICY, "GOMP_SPINCOUNT", "OMP_DYNAMIC", "MKL_DYNAMIC");

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Threads() {}

    /** The thread count the parent asked for; a child started without it refuses to run. */
    static int requested() {
        String v = System.getProperty(PROPERTY);
        if (v == null) throw new IllegalStateException("-D" + PROPERTY + "=N is required (BenchMain sets it)");
        return Integer.parseInt(v);
    }

    /** The environment variables in {@link #ENV} as this process sees them ("unset" if absent), then any of {@link #REPORTED} that are set. */
    static ObjectNode env() {
        ObjectNode o = Json.object();
        Map<String, String> env = System.getenv();
        for (String k : ENV) o.put(k, env.getOrDefault(k, "unset"));
        for (String k : REPORTED) if (env.containsKey(k)) o.put(k, env.get(k));
        return o;
    }

    /** CPU seconds of this whole process (all threads, JVM's own included). */
    static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() * 1e-9 : Double.NaN;
    }

    /**
     * CPU seconds of the threads named "java": the main thread and the native worker threads it starts (OpenMP, MKL,
     * OpenBLAS pools inherit the name), without the JVM's compiler, GC and other named service threads. Linux only
     * (NaN elsewhere); assumes 100 clock ticks per second; a thread that has exited no longer counts.
     */
    static double computeCpuSeconds() {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            long ticks = 0;
            for (var t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(t.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue;   // the thread has just exited
                }
                int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                if (!stat.substring(open + 1, close).equals("java")) continue;
                String[] f = stat.substring(close + 2).split(" ");   // f[0] is field 3 (state); utime, stime are fields 14, 15
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
            return ticks / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A measurement that returns a number. */
    @FunctionalInterface
    interface Measure<T> { T run() throws Exception; }

    /**
     * Runs a row's measurement and records under key its CPU seconds per wall second (warm-up included): "process" for
     * the whole JVM, "compute" for the threads named "java" ({@link #computeCpuSeconds}), the number to compare with N.
     */
    static <T> T row(ObjectNode cpuPerWall, String key, Measure<T> m) {
        double c0 = cpuSeconds(), k0 = computeCpuSeconds();
        long t0 = System.nanoTime();
        try {
            T out = m.run();
            double wall = (System.nanoTime() - t0) * 1e-9;
            ObjectNode o = cpuPerWall.putObject(key);
            Json.putFinite(o, "process", (cpuSeconds() - c0) / wall);
            Json.putFinite(o, "compute", (computeCpuSeconds() - k0) / wall);
            return out;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of compact JSON on stdout: the protocol between a child and {@link BenchMain}. */
    /** One child's result line: thread settings, row values, CPU per wall second, U-Net parity data, errors and extras. */
    static void emit(ObjectNode threads, ObjectNode values, ObjectNode cpu, ObjectNode unet, ObjectNode errors, ObjectNode extra) {
        ObjectNode out = Json.object();
        out.set("threads", threads);
        out.set("values", values);
        out.set("cpu_per_wall", cpu);
        if (extra != null) out.set("extra", extra);
        out.set("unet", unet);
        out.set("errors", errors);
        emit(out);
    }

    static void emit(ObjectNode result) {
        try {
            System.out.println(COMPACT.writeValueAsString(result));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
