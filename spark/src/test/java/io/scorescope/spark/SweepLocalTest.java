package io.scorescope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.cli.Main;
import io.scorescope.io.Json;
import io.scorescope.testsupport.BrowserCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 2-cell plan in local[2]: the atlas files, claims equal to reproduce alone, re-runs skip finished cells. */
class SweepLocalTest {
    static final String PLAN = "name: two\nreport: true\naxes:\n  data: [sphere]\n  budget: [tiny]\n  seed: [0, 1]\n";

    @TempDir Path tmp;

    static Path writePlan(Path dir, String yaml) throws Exception {
        Path f = dir.resolve("plan.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test void twoCellsInLocalMode() throws Exception {
        Path plan = writePlan(tmp, PLAN), out = tmp.resolve("atlas");
        assertEquals(0, Sweep.run(new String[] {"--plan", plan.toString(), "--out", out.toString(), "--master", "local[2]"}));
        for (String f : List.of("atlas.csv", "atlas.html", "plan.json")) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        assertTrue(Files.isDirectory(out.resolve("atlas.parquet")));
        List<CellSpec> cells = SweepPlan.read(plan).cells();
        assertEquals(2, cells.size());
        try (Stream<String> lines = Files.lines(out.resolve("atlas.csv"))) {
            assertEquals(3, lines.count());
        }
        String header = Files.readAllLines(out.resolve("atlas.csv")).get(0);
        for (String col : List.of("cell", "data", "seed", "A3_nonconservative_within__verdict", "A3_nonconservative_within__r_tt_median",
                "A3_nonconservative_within__band_low__r_tt_median", "A3_nonconservative_within__band_mid__tangent_share_excess_median",
                "A3_nonconservative_within__band_high__rel_asym_median", "A6_constrained_mixing__transport_ratio", "seconds"))
            assertTrue(header.contains(col), col);

        // each cell's claims are byte-identical to reproduce run alone with the same seed and budget
        for (CellSpec c : cells) {
            Path alone = tmp.resolve("alone-" + c.seed());
            assertEquals(0, Main.execute("reproduce", "--data", c.data(), "--budget", "tiny", "--seed", Long.toString(c.seed()), "--out", alone.toString()));
            ObjectNode cell = Json.read(out.resolve("cells").resolve(c.hash()).resolve("summary.json"));
            ObjectNode reproduce = Json.read(alone.resolve("summary.json"));
            assertEquals(Json.toString(reproduce.get("claims")), Json.toString(cell.get("claims")), "claims of cell seed " + c.seed());
            assertTrue(Files.isRegularFile(out.resolve("cells").resolve(c.hash()).resolve("report.html")));
        }

        // parquet: one row per cell, the same verdicts as the CSV
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            Dataset<Row> df = spark.read().parquet(out.resolve("atlas.parquet").toString());
            assertEquals(2, df.count());
            assertEquals(2, df.select("cell").distinct().count());
        } finally {
            spark.stop();
        }

        // a re-run skips the finished cells (their files are untouched) and writes the same rows
        FileTime before = Files.getLastModifiedTime(out.resolve("cells").resolve(cells.get(0).hash()).resolve("summary.json"));
        String csvBefore = Files.readString(out.resolve("atlas.csv"));
        long t0 = System.nanoTime();
        assertEquals(0, Sweep.run(new String[] {"--plan", plan.toString(), "--out", out.toString(), "--master", "local[2]", "--resume"}));
        assertEquals(before, Files.getLastModifiedTime(out.resolve("cells").resolve(cells.get(0).hash()).resolve("summary.json")));
        assertEquals(csvBefore, Files.readString(out.resolve("atlas.csv")));
        System.out.printf("re-run with both cells finished: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // the atlas page passes the headless-browser check
        var chromium = BrowserCheck.findChromium();
        assumeTrue(chromium.isPresent(), "no chromium");
        try (BrowserCheck b = BrowserCheck.launch(chromium.get())) {
            BrowserCheck.Result r = b.check(out.resolve("atlas.html"), null);
            assertTrue(r.clean(), r.toString());
            assertEquals(Boolean.TRUE, r.figures().get("atlas-heatmap"), r.toString());
        }
    }
}
