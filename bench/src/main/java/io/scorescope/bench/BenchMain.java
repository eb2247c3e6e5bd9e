package io.scorescope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.Engine;
import io.scorescope.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scorescope-bench [--json] [--quick]}: Scorescope against the DJL 0.36 baseline, side by side in one
 * command. The Scorescope side runs in this JVM; the baseline runs in a child JVM on the same class path
 * ({@link DjlBaseline}), because two libtorch builds in one process clash (DJL's libtorch_cpu 2.7.1 then binds to
 * the already loaded c10 2.10 and fails with an undefined symbol). Ratios above 1 mean Scorescope
 * is faster. Prints a table, or with --json one object. Exit 2 on an unknown argument.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean json = false, quick = false;
        for (String a : args) {
            switch (a) {
                case "--json" -> json = true;
                case "--quick" -> quick = true;
                case "--help", "-h" -> {
                    System.out.println("Usage: scorescope-bench [--json] [--quick]");
                    return;
                }
                default -> {
                    System.err.println("scorescope-bench: unknown argument '" + a + "' (usage: scorescope-bench [--json] [--quick])");
                    System.exit(2);
                }
            }
        }
        long t0 = System.nanoTime();
        String loadBefore = load();
        JsonNode baseline = runBaseline(quick);
        Engine.init();
        OursBench ours = new OursBench(Shapes.Reps.of(quick));
        ObjectNode out = Json.object();
        List<String[]> jacRows = new ArrayList<>();
        for (Shapes.Train t : Shapes.TRAIN) {
            OursBench.TrainResult r = ours.train(t);
            put(out, t.key(), r.samplesPerSecond(), baseline.get(t.key()).asDouble(), "samples/s", true);
            out.put("matmul_fraction_" + t.key().substring("train_".length()), r.fraction());
            out.put("train_gflops_" + t.key().substring("train_".length()), r.flops() / 1e9);
            out.put("matmul_gflops_" + t.key().substring("train_".length()), r.matmulFlops() / 1e9);
        }
        for (Shapes.Jac j : Shapes.JAC) {
            OursBench.JacResult r = ours.jacobian(j);
            put(out, j.key(), r.forward() * 1e3, baseline.get(j.key()).asDouble() * 1e3, "ms/point", false);
            ObjectNode p = out.with("jacobian_paths").putObject("d" + j.dim());
            p.put("forward_svd_ms", r.forward() * 1e3).put("reverse_svd_ms", r.reverse() * 1e3)
                    .put("fd_svd_ms", r.finiteDifference() * 1e3).put("svd_only_ms", r.svdOnly() * 1e3);
            jacRows.add(new String[] {Integer.toString(j.dim()), fmt(r.forward() * 1e3), fmt(r.reverse() * 1e3),
                    fmt(r.finiteDifference() * 1e3), fmt(r.svdOnly() * 1e3)});
        }
        for (Shapes.Sampling s : Shapes.SAMPLING)
            put(out, s.key(), ours.sampling(s), baseline.get(s.key()).asDouble(), "evals/s", true);
        out.put("quick", quick).put("seconds", (System.nanoTime() - t0) * 1e-9)
                .put("load_before", loadBefore).put("load_after", load());
        if (json) System.out.println(Json.toString(out));
        else printTables(out, jacRows);
    }

    /** One comparison; ratio > 1 means Scorescope is faster (higher throughput or lower time). */
    private static void put(ObjectNode out, String key, double ours, double baseline, String unit, boolean higherIsBetter) {
        out.putObject(key).put("ours", ours).put("baseline", baseline)
                .put("ratio", higherIsBetter ? ours / baseline : baseline / ours).put("unit", unit);
    }

    /** The baseline's numbers; a failed child (DJL has failed once on start-up here, not reproducibly) is retried once. */
    private static JsonNode runBaseline(boolean quick) throws IOException, InterruptedException {
        try {
            return runBaselineOnce(quick);
        } catch (IllegalStateException e) {
            System.err.println("scorescope-bench: " + e.getMessage() + "; retrying once");
            return runBaselineOnce(quick);
        }
    }

    private static JsonNode runBaselineOnce(boolean quick) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-Xmx3g", "-cp",
                System.getProperty("java.class.path"), DjlBaseline.class.getName()));
        if (quick) cmd.add("--quick");
        Path outFile = Files.createTempFile("scorescope-bench", ".json");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int code = p.waitFor();
            String text = Files.readString(outFile, StandardCharsets.UTF_8).trim();
            if (code != 0) throw new IllegalStateException("the DJL baseline exited with " + code);
            String last = text.substring(text.lastIndexOf('\n') + 1);
            return Json.MAPPER.readTree(last);
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    private static void printTables(ObjectNode out, List<String[]> jacRows) {
        System.out.printf("%-20s %14s %14s %8s  %s%n", "measure", "scorescope", "djl-baseline", "ratio", "unit");
        out.fields().forEachRemaining(e -> {
            if (e.getValue().has("ratio"))
                System.out.printf("%-20s %14s %14s %8.2f  %s%n", e.getKey(), fmt(e.getValue().get("ours").asDouble()),
                        fmt(e.getValue().get("baseline").asDouble()), e.getValue().get("ratio").asDouble(), e.getValue().get("unit").asText());
        });
        for (String d : new String[] {"d3", "d784"})
            System.out.printf("training step at %s: %.1f GFLOP/s = %.0f%% of plain matmul (%.1f GFLOP/s)%n", d,
                    out.get("train_gflops_" + d).asDouble(), 100 * out.get("matmul_fraction_" + d).asDouble(),
                    out.get("matmul_gflops_" + d).asDouble());
        System.out.printf("%nJacobian + full SVD per point, ms%n%5s %12s %12s %12s %10s%n", "D", "forward", "reverse", "fin.diff", "svd only");
        for (String[] r : jacRows) System.out.printf("%5s %12s %12s %12s %10s%n", (Object[]) r);
        System.out.printf("%nload average before %s, after %s; %.0f s%n", out.get("load_before").asText(),
                out.get("load_after").asText(), out.get("seconds").asDouble());
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
