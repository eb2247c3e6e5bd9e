package io.scorescope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster (master and two one-core workers, child JVMs on 127.0.0.1): with one worker killed while its
 * task runs, the 2-cell plan still completes with every cell exactly once, and its atlas equals local mode's (all
 * but the timings).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class StandaloneClusterTest {
    @TempDir static Path tmp;
    static LocalCluster cluster;

    @BeforeAll static void start() throws Exception { cluster = LocalCluster.start(tmp.resolve("cluster"), 2); }

    @AfterAll static void stop() { if (cluster != null) cluster.close(); }

    @Test void sameAtlasAsLocalModeAndSurvivesALostWorker() throws Exception {
        Path plan = SweepLocalTest.writePlan(tmp, "name: two\naxes:\n  data: [sphere]\n  budget: [tiny]\n  seed: [0, 1]\n");
        Path local = tmp.resolve("local"), lost = tmp.resolve("lost-worker");
        assertEquals(0, Sweep.run(new String[] {"--plan", plan.toString(), "--out", local.toString(), "--master", "local[2]"}));

        // on the cluster, kill worker 1 (and its executor) while a task runs there: the sweep completes, each cell
        // once, and the atlas equals local mode's (one cluster run for both checks keeps the test within its time)
        long t0 = System.nanoTime();
        ExecutorService driver = Executors.newSingleThreadExecutor();
        // tasks start once both executors are registered, so each one-core executor runs one of the two cells
        System.setProperty("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        System.setProperty("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
        try {
            Future<Integer> sweep = driver.submit(() -> Sweep.run(new String[] {"--plan", plan.toString(), "--out", lost.toString(), "--master", cluster.url()}));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (running(lost.resolve("cells")) < 2 && System.nanoTime() < deadline && !sweep.isDone()) Thread.sleep(100);
            assertEquals(2, running(lost.resolve("cells")), "both cells under way, one on each worker");
            assertTrue(cluster.executors(1) > 0, "worker 1 runs an executor");
            cluster.killWorker(1);
            assertEquals(0, sweep.get(4, TimeUnit.MINUTES));
            System.out.printf("standalone cluster, 2 cells, one of 2 workers lost: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            System.clearProperty("spark.scheduler.minRegisteredResourcesRatio");
            System.clearProperty("spark.scheduler.maxRegisteredResourcesWaitingTime");
            driver.shutdownNow();
        }
        List<String> rows = Files.readAllLines(lost.resolve("atlas.csv"));
        assertEquals(3, rows.size(), "header and one row per cell");
        assertEquals(2, new HashSet<>(rows.subList(1, 3).stream().map(r -> r.split(",")[0]).toList()).size());
        try (Stream<Path> s = Files.list(lost.resolve("cells"))) {
            assertEquals(2, s.count(), "two cell folders, no stale attempt");
        }
        assertEquals(withoutTimings(local), withoutTimings(lost));
    }

    /** Folders of cells being written (temporary attempt folders). */
    static long running(Path cells) throws Exception {
        if (!Files.isDirectory(cells)) return 0;
        try (Stream<Path> s = Files.list(cells)) {
            return s.filter(p -> p.getFileName().toString().contains(".tmp-")).count();
        }
    }

    /** The cells' atlas rows (cell.json) without the timing columns (seconds, seconds__stage), by hash. */
    static java.util.Map<String, String> withoutTimings(Path out) throws Exception {
        java.util.Map<String, String> rows = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(out.resolve("cells"))) {
            for (Path cell : s.toList()) {
                com.fasterxml.jackson.databind.node.ObjectNode row = io.scorescope.io.Json.read(cell.resolve(Cell.ROW));
                row.remove(new ArrayList<>(row.properties().stream().map(java.util.Map.Entry::getKey).filter(k -> k.startsWith("seconds")).toList()));
                rows.put(cell.getFileName().toString(), row.toString());
            }
        }
        assertEquals(2, rows.size());
        return rows;
    }
}
