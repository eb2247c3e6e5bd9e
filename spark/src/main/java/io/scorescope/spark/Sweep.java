package io.scorescope.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code scorescope sweep --plan PLAN.yaml --out DIR [--master local[*]|spark://HOST:PORT] [--resume]}: the claims
 * atlas. The driver only parses the arguments, expands the plan into cells, parallelizes them (one partition per
 * cell), maps each to {@link Cell#run}, collects the rows by cell hash (so a retried task never gives a second row)
 * and writes DIR/atlas.parquet, DIR/atlas.csv and DIR/atlas.html. Each cell's seed is its own axis value, so no
 * result depends on partitioning or order. Finished cells (DIR/cells/HASH/summary.json) are not run again.
 * Bad input (plan, master, folder) is one line on stderr and exit 2, before anything is written.
 */
public final class Sweep {
    public static final String USAGE = "usage: scorescope sweep --plan PLAN.yaml --out DIR [--master local[*]|spark://HOST:PORT] [--resume]";
    public static final String PLAN_JSON = "plan.json", CELLS = "cells", CSV = "atlas.csv", PARQUET = "atlas.parquet";
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");

    /** Parsed arguments. */
    public record Args(Path plan, Path out, String master, boolean resume) {}

    private Sweep() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the sweep; returns the exit code (0, 2 for bad input, 1 for an internal error). */
    public static int run(String[] args) {
        try {
            Args a = parse(args);
            if (a == null) {
                System.out.println(USAGE);
                return 0;
            }
            SweepPlan plan = SweepPlan.read(a.plan());
            checkMaster(a.master());
            Path out = prepare(a, plan);
            Atlas atlas = sweep(plan, out, a.master());
            System.out.printf(Locale.ROOT, "scorescope sweep: %s, %d cell%s; atlas: %s%n", plan.name(), atlas.rows().size(),
                    atlas.rows().size() == 1 ? "" : "s", out.resolve(AtlasHtml.FILE_NAME));
            return 0;
        } catch (RuntimeException e) {
            Throwable t = e;
            while (!(t instanceof InputException) && t.getCause() != null && t.getCause() != t) t = t.getCause();
            if (t instanceof InputException) {
                System.err.println("scorescope: " + oneLine(t.getMessage()));
                return 2;
            }
            System.err.println("scorescope: internal error: " + e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage())));
            return 1;
        }
    }

    static Args parse(String[] args) {
        Path plan = null, out = null;
        String master = null;
        boolean resume = false;
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            switch (k) {
                case "-h", "--help" -> { return null; }
                case "--resume" -> resume = true;
                case "--plan", "--out", "--master" -> {
                    if (i + 1 >= args.length) throw new InputException(k + " needs a value; " + USAGE);
                    String v = args[++i];
                    if (k.equals("--plan")) plan = Path.of(v); else if (k.equals("--out")) out = Path.of(v); else master = v;
                }
                default -> throw new InputException("unknown argument '" + k + "'; " + USAGE);
            }
        }
        if (plan == null || out == null) throw new InputException("--plan and --out are required; " + USAGE);
        if (master == null) master = System.getProperty("spark.master", "local[*]");   // spark-submit sets spark.master
        return new Args(plan, out, master, resume);
    }

    /** local, local[N], local[*], local[N,F] or a reachable spark://HOST:PORT (k8s:// and yarn via spark-submit). */
    static void checkMaster(String master) {
        if (LOCAL.matcher(master).matches() || master.startsWith("k8s://") || master.equals("yarn")) return;
        if (!master.startsWith("spark://")) throw new InputException("unsupported --master '" + master + "'; expected local[*], local[N] or spark://HOST:PORT");
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI u = URI.create("spark://" + hostPort);
            if (u.getHost() == null || u.getPort() < 0) throw new InputException("bad --master '" + master + "'; expected spark://HOST:PORT");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 3000);
                return;
            } catch (IOException e) {
                // try the next one
            }
        }
        throw new InputException("cannot reach the Spark master " + master);
    }

    /** Checks DIR and writes DIR/plan.json: a folder holding another plan's sweep needs --resume. */
    static Path prepare(Args a, SweepPlan plan) {
        Path out = a.out();
        Path planJson = out.resolve(PLAN_JSON);
        if (Files.isRegularFile(planJson)) {
            ObjectNode previous = Json.read(planJson);
            if (!a.resume() && !previous.path("name").asText().equals(plan.name()))
                throw new InputException(out + " holds the sweep of plan '" + previous.path("name").asText() + "'; pass --resume to add to it, or another --out");
        } else if (Files.isDirectory(out) && !a.resume()) {
            try (var s = Files.list(out)) {
                if (s.findAny().isPresent()) throw new InputException("output folder " + out + " is not empty and holds no sweep; use an empty or new folder");
            } catch (IOException e) {
                throw new InputException("cannot list " + out + ": " + e.getMessage(), e);
            }
        }
        AtomicFiles.ensureWritableDir(out.resolve(CELLS));
        Json.write(planJson, plan.toJson());
        return out;
    }

    /** Runs the plan's cells on the master and writes the atlas. */
    static Atlas sweep(SweepPlan plan, Path out, String master) {
        List<CellSpec> cells = plan.cells();
        String cellsDir = out.resolve(CELLS).toAbsolutePath().toString();
        SparkSession spark = session(plan.name(), master);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<String> results = jsc.parallelize(cells, cells.size()).map(c -> Cell.run(c, cellsDir)).collect();
            Map<String, ObjectNode> byHash = new LinkedHashMap<>();
            for (String r : results) {
                ObjectNode row = (ObjectNode) Json.MAPPER.readTree(r);
                byHash.putIfAbsent(row.path("cell").asText(), row);
            }
            List<ObjectNode> rows = new ArrayList<>();
            for (CellSpec c : cells) {
                ObjectNode row = byHash.remove(c.hash());
                if (row == null) throw new IllegalStateException("no result for cell " + c.hash());
                rows.add(row);
            }
            removeStaleAttempts(out.resolve(CELLS));
            Atlas atlas = new Atlas(plan.name(), rows);
            writeParquet(spark, atlas, out);
            atlas.writeCsv(out.resolve(CSV));
            AtlasHtml.write(atlas, out.resolve(AtlasHtml.FILE_NAME));
            return atlas;
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse a cell row: " + e.getMessage(), e);
        } finally {
            spark.stop();
        }
    }

    /** Attempt folders of tasks that died (lost executors); every task has ended once collect returns. */
    static void removeStaleAttempts(Path cells) {
        try (var s = Files.list(cells)) {
            s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().contains(".tmp-")).forEach(Cell::deleteTree);
        } catch (IOException e) {
            // best effort: attempt folders never count as cells
        }
    }

    static SparkSession session(String name, String master) {
        SparkSession.Builder b = SparkSession.builder().appName("scorescope sweep " + name).master(master)
                .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.debug.maxToStringFields", "10000")   // the atlas has hundreds of columns
                .config("spark.task.maxFailures", System.getProperty("spark.task.maxFailures", "4"));
        boolean local = LOCAL.matcher(master).matches();
        if (local || master.contains("127.0.0.1") || master.contains("localhost"))
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        // started without spark-submit against a cluster on shared paths: executors use this JVM's class path
        if (!local && System.getProperty("spark.executor.extraClassPath") == null && System.getProperty("spark.jars") == null)
            b.config("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        if (!local) {
            if (System.getProperty("spark.executorEnv.OPENBLAS_NUM_THREADS") == null) b.config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
            if (System.getProperty("spark.executor.extraJavaOptions") == null)
                b.config("spark.executor.extraJavaOptions", "-Djava.awt.headless=true -Dorg.bytedeco.javacpp.maxphysicalbytes=0");
        }
        return b.getOrCreate();
    }

    /** atlas.parquet via Spark's writer (one file) into a temporary folder, then renamed over any previous one. */
    static void writeParquet(SparkSession spark, Atlas atlas, Path out) {
        Path tmp = out.resolve("." + PARQUET + ".tmp"), target = out.resolve(PARQUET);
        Cell.deleteTree(tmp);
        spark.createDataFrame(atlas.sparkRows(), atlas.schema()).coalesce(1).write().parquet(tmp.toAbsolutePath().toString());
        try {
            Path old = null;
            if (Files.exists(target)) {
                old = out.resolve("." + PARQUET + ".old");
                Cell.deleteTree(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            Cell.deleteTree(old);
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }
}
