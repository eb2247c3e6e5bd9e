package io.scorescope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scorescope-bench [--json] [--quick] [--threads N[,M...]]}: Scorescope against the DJL 0.36 baseline, side by
 * side in one command, at each requested thread count (default 1 and 2). Both sides run as child JVMs on the same class
 * path, one after the other, with the same environment (OMP_NUM_THREADS = MKL_NUM_THREADS = OPENBLAS_NUM_THREADS =
 * SCORESCOPE_THREADS = N) and the same torch intra-op thread count N (inter-op 1): {@link OursBench} through at::set_num_threads,
 * {@link DjlBaseline} through DJL's ai.djl.pytorch.num_threads. Two libtorch builds in one process clash (DJL's
 * libtorch_cpu 2.7.1 then binds to the already loaded c10 2.10 and fails with an undefined symbol), and an environment
 * variable cannot be changed inside a running JVM, hence two children. Each child reads its settings back from its own
 * libtorch and reports each row's CPU seconds per wall second; every row of the output carries both. A run where the
 * read-back differs from the request on either side is marked "fair": false. Ratios above 1 mean Scorescope is faster.
 * The U-Net row (train_unet_d784) runs the baseline first; its parameter count and first-step loss are handed to our
 * child, which fails the row rather than time a different network; a failed row prints its reasons instead of numbers.
 * Prints tables, or with --json one object. Exit 2 on a bad argument.
 */
public final class BenchMain {
    private BenchMain() {}

    private static final String USAGE = "usage: scorescope-bench [--json] [--quick] [--threads N[,M...]] (default --threads 1,2)";

    public static void main(String[] args) throws Exception {
        boolean json = false, quick = false;
        List<Integer> threadCounts = List.of(1, 2);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--quick" -> quick = true;
                case "--threads" -> {
                    if (i + 1 >= args.length) fail("--threads needs a value");
                    threadCounts = parseThreads(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown argument '" + args[i] + "'");
            }
        }
        long t0 = System.nanoTime();
        ObjectNode out = Json.object();
        out.put("quick", quick);
        ArrayNode rows = out.putArray("rows");
        ArrayNode runs = out.putArray("runs");
        for (int n : threadCounts) {
            String loadBefore = load();
            JsonNode baseline = runChild(DjlBaseline.class, n, quick, List.of());
            JsonNode ours = runChild(OursBench.class, n, quick, unetProperties(baseline.get("unet")));
            boolean fair = fair(n, ours.get("threads"), baseline.get("threads"));
            ObjectNode run = runs.addObject();
            run.put("threads", n).put("fair", fair).put("load_before", loadBefore).put("load_after", load());
            ObjectNode settings = run.putObject("settings");
            settings.set("ours", ours.get("threads"));
            settings.set("baseline", baseline.get("threads"));
            run.set("ours_extra", ours.get("extra"));
            ObjectNode unet = run.putObject("unet");
            unet.set("ours", ours.get("unet"));
            unet.set("baseline", baseline.get("unet"));
            for (Shapes.Train t : Shapes.TRAIN) row(rows, t.key(), n, fair, ours, baseline, 1, "samples/s", true);
            row(rows, Shapes.UNET.key(), n, fair, ours, baseline, 1, "samples/s", true);
            for (Shapes.Jac j : Shapes.JAC) row(rows, j.key(), n, fair, ours, baseline, 1e3, "ms/point", false);
            for (Shapes.Sampling s : Shapes.SAMPLING) row(rows, s.key(), n, fair, ours, baseline, 1, "evals/s", true);
            if (!fair) System.err.println("scorescope-bench: at " + n + " thread(s) the settings read back differ from the request: " + settings);
        }
        out.put("seconds", (System.nanoTime() - t0) * 1e-9);
        if (json) System.out.println(Json.toString(out));
        else printTables(out);
    }

    private static void fail(String message) {
        System.err.println("scorescope-bench: " + message + " (" + USAGE + ")");
        System.exit(2);
    }

    private static List<Integer> parseThreads(String v) {
        List<Integer> out = new ArrayList<>();
        for (String p : v.split(",")) {
            try {
                int n = Integer.parseInt(p.trim());
                if (n < 1) throw new NumberFormatException();
                out.add(n);
            } catch (NumberFormatException e) {
                fail("--threads takes positive integers, got '" + v + "'");
            }
        }
        return out;
    }

    /** Both sides read back the requested intra-op count, and saw the same environment set to it; ours' OpenBLAS too. */
    static boolean fair(int n, JsonNode ours, JsonNode baseline) {
        boolean ok = ours.get("torch_intra_op").asInt() == n && baseline.get("torch_intra_op").asInt() == n
                && ours.get("torch_intra_op_after").asInt() == n && baseline.get("torch_intra_op_after").asInt() == n
                && ours.path("torch_intra_op_unet").asInt(-1) == n && baseline.path("torch_intra_op_unet").asInt(-1) == n
                && ours.get("openblas").asInt() == n && ours.get("env").equals(baseline.get("env"));
        for (String k : Threads.ENV) ok &= Integer.toString(n).equals(ours.get("env").get(k).asText());
        return ok;
    }

    /** The baseline's U-Net parameter count and first-step loss, for our child to check against; none if its row failed. */
    static List<String> unetProperties(JsonNode baselineUnet) {
        if (baselineUnet == null || !baselineUnet.has("params") || !baselineUnet.has("first_loss")) return List.of();
        return List.of("-D" + Shapes.BASELINE_UNET_PARAMS + "=" + baselineUnet.get("params").asLong(),
                "-D" + Shapes.BASELINE_UNET_LOSS + "=" + baselineUnet.get("first_loss").asDouble());
    }

    /**
     * One comparison row; ratio > 1 means Scorescope is faster (higher throughput or lower time). A row that either
     * side failed (a child reports it under "errors") carries the reasons and no numbers.
     */
    static void row(ArrayNode rows, String key, int n, boolean fair, JsonNode ours, JsonNode baseline,
                    double scale, String unit, boolean higherIsBetter) {
        ObjectNode r = rows.addObject();
        r.put("measure", key).put("threads_requested", n).put("fair", fair);
        JsonNode ov = ours.get("values").get(key), bv = baseline.get("values").get(key);
        if (ov == null || bv == null) {
            List<String> why = new ArrayList<>();
            for (JsonNode side : List.of(baseline, ours)) if (side.path("errors").has(key)) why.add(side.get("errors").get(key).asText());
            r.put("error", why.isEmpty() ? "no value" : String.join("; ", why)).put("unit", unit);
            return;
        }
        double o = ov.asDouble() * scale, b = bv.asDouble() * scale;
        r.put("ours", o).put("baseline", b).put("ratio", higherIsBetter ? o / b : b / o).put("unit", unit);
        ObjectNode th = r.putObject("threads");
        th.set("ours", ours.get("threads"));
        th.set("baseline", baseline.get("threads"));
        ObjectNode cpu = r.putObject("cpu_per_wall");
        cpu.set("ours", ours.get("cpu_per_wall").get(key));
        cpu.set("baseline", baseline.get("cpu_per_wall").get(key));
    }

    /** A child's one-line JSON; a failed child (DJL has failed once on start-up here, not reproducibly) is retried once. */
    private static JsonNode runChild(Class<?> main, int threads, boolean quick, List<String> properties)
            throws IOException, InterruptedException {
        try {
            return runChildOnce(main, threads, quick, properties);
        } catch (IllegalStateException e) {
            System.err.println("scorescope-bench: " + e.getMessage() + "; retrying once");
            return runChildOnce(main, threads, quick, properties);
        }
    }

    private static JsonNode runChildOnce(Class<?> main, int threads, boolean quick, List<String> properties)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-Xmx3g",
                "-D" + Threads.PROPERTY + "=" + threads,
                "-Dai.djl.pytorch.num_threads=" + threads, "-Dai.djl.pytorch.num_interop_threads=1"));
        cmd.addAll(properties);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        if (quick) cmd.add("--quick");
        Path outFile = Files.createTempFile("scorescope-bench", ".json");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
            for (String k : Threads.ENV) pb.environment().put(k, Integer.toString(threads));
            pb.environment().putIfAbsent(Threads.WAIT_POLICY, Threads.PASSIVE);
            int code = pb.start().waitFor();
            String text = Files.readString(outFile, StandardCharsets.UTF_8).trim();
            if (code != 0 || text.isEmpty()) throw new IllegalStateException(main.getSimpleName() + " exited with " + code);
            return Json.MAPPER.readTree(text.substring(text.lastIndexOf('\n') + 1));
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    private static void printTables(ObjectNode out) {
        for (JsonNode run : out.get("runs")) {
            int n = run.get("threads").asInt();
            JsonNode so = run.get("settings").get("ours"), sb = run.get("settings").get("baseline");
            System.out.printf("%n== %d thread(s)%s; load average before %s, after %s%n", n, run.get("fair").asBoolean() ? "" : " (NOT FAIR: settings differ)",
                    run.get("load_before").asText(), run.get("load_after").asText());
            System.out.printf("scorescope:   torch intra-op %d, inter-op %d, OpenBLAS %d, OpenMP max %d; env %s%n", so.get("torch_intra_op").asInt(),
                    so.get("torch_interop").asInt(), so.get("openblas").asInt(), so.get("omp_max_threads").asInt(), so.get("env"));
            System.out.printf("djl-baseline: torch intra-op %d, inter-op %d (%s); env %s%n", sb.get("torch_intra_op").asInt(),
                    sb.get("torch_interop").asInt(), sb.get("blas").asText(), sb.get("env"));
            System.out.printf("%-20s %14s %14s %8s  %-10s %9s %9s%n", "measure", "scorescope", "djl-baseline", "ratio", "unit", "cpu/wall", "cpu/wall");
            System.out.printf("%-20s %14s %14s %8s  %-10s %9s %9s%n", "", "", "", "", "", "ours*", "djl*");
            for (JsonNode r : out.get("rows")) {
                if (r.get("threads_requested").asInt() != n) continue;
                if (r.has("error")) {
                    System.out.printf("%-20s FAILED: %s%n", r.get("measure").asText(), r.get("error").asText());
                    continue;
                }
                System.out.printf("%-20s %14s %14s %8.2f  %-10s %9.2f %9.2f%n", r.get("measure").asText(), fmt(r.get("ours").asDouble()),
                        fmt(r.get("baseline").asDouble()), r.get("ratio").asDouble(), r.get("unit").asText(),
                        r.get("cpu_per_wall").get("ours").get("compute").asDouble(), r.get("cpu_per_wall").get("baseline").get("compute").asDouble());
            }
            JsonNode uo = run.get("unet").get("ours"), ub = run.get("unet").get("baseline");
            System.out.printf("%s (%dx%dx%d, base %d, batch %d): parameters %s / %s, first-step loss %s / %s (scorescope / djl-baseline)%n",
                    Shapes.UNET.key(), Shapes.UNET.channels(), Shapes.UNET.size(), Shapes.UNET.size(), Shapes.UNET.base(), Shapes.UNET.batch(),
                    uo.path("params").asText("?"), ub.path("params").asText("?"), uo.path("first_loss").asText("?"), ub.path("first_loss").asText("?"));
            JsonNode x = run.get("ours_extra");
            for (String d : new String[] {"d3", "d784"})
                System.out.printf("training step at %s: %.1f GFLOP/s = %.0f%% of plain matmul (%.1f GFLOP/s)%n", d,
                        x.get("train_gflops_" + d).asDouble(), 100 * x.get("matmul_fraction_" + d).asDouble(),
                        x.get("matmul_gflops_" + d).asDouble());
            System.out.printf("Jacobian + full SVD per point, ms%n%5s %12s %12s %12s %10s%n", "D", "forward", "reverse", "fin.diff", "svd only");
            x.get("jacobian_paths").fields().forEachRemaining(e -> System.out.printf("%5s %12s %12s %12s %10s%n", e.getKey().substring(1),
                    fmt(e.getValue().get("forward_svd_ms").asDouble()), fmt(e.getValue().get("reverse_svd_ms").asDouble()),
                    fmt(e.getValue().get("fd_svd_ms").asDouble()), fmt(e.getValue().get("svd_only_ms").asDouble())));
        }
        System.out.printf("%n* CPU seconds per wall second of the main and native worker threads (JIT and GC excluded), warm-up included%n%.0f s%n",
                out.get("seconds").asDouble());
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : v >= 1 ? String.format("%.2f", v) : String.format("%.3g", v);
    }

    /** The 1-minute load average (Linux), for reading noisy numbers. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
