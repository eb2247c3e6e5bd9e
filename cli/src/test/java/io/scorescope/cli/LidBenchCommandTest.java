package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.io.Json;
import io.scorescope.lid.LidEstimators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lid-bench} on one small data set: table, cached model reuse, report in a browser, bad input. */
class LidBenchCommandTest {
    @TempDir static Path dir;
    private static Path out;
    private static JsonNode first;

    private static String[] args(Path out) {
        return new String[] {"lid-bench", "--quick", "--datasets", "m2-affine", "--steps", "150", "--n", "300", "--queries", "20",
                "--out", out.toString()};
    }

    @BeforeAll
    static void runOnce() throws IOException {
        out = dir.resolve("bench");
        CliRun r = CliRun.of(args(out));
        assertEquals(0, r.code(), r.toString());
        first = Json.MAPPER.readTree(out.resolve("bench.json").toFile());
    }

    @Test
    void tableHasEveryEstimatorWithTruthAndRules() {
        JsonNode rows = first.get("rows");
        assertEquals(LidEstimators.NAMES.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertEquals(LidEstimators.NAMES.get(i), row.get("estimator").asText());
            assertEquals(3.0, row.get("truth").asDouble(), 0);
            assertEquals(LidEstimators.parse(row.get("estimator").asText()).rule(), row.get("rule").asText());
            assertTrue(row.get("mae").asDouble() >= 0);
        }
        // local PCA on a flat 3-plane is exact; the run's configuration is recorded
        assertEquals(0, rows.get(LidEstimators.NAMES.indexOf("lpca")).get("mae").asDouble(), 0);
        assertEquals(150, first.get("config").get("train_steps").asInt());
        assertFalse(first.get("models").get(0).get("reused").asBoolean());
    }

    @Test
    void secondRunReusesTheCachedModelAndGivesTheSameTable() throws IOException {
        assertEquals(0, CliRun.of(args(out)).code());
        JsonNode again = Json.MAPPER.readTree(out.resolve("bench.json").toFile());
        assertTrue(again.get("models").get(0).get("reused").asBoolean());
        for (int i = 0; i < again.get("rows").size(); i++)
            assertEquals(first.get("rows").get(i).get("mean"), again.get("rows").get(i).get("mean"), "row " + i);
    }

    @Test
    void reportPassesTheBrowserCheck() throws IOException {
        assertTrue(Files.exists(out.resolve("figures").resolve("lid-estimates.png")));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data-section=\"lid-benchmark\"") && html.contains("data-section=\"lid-details\""));
        Reports.assertRendersCleanly(out.resolve("report.html"), "lid-bench-screens");
    }

    @Test
    void badOverridesAreOneLineAndExitTwo() {
        for (String[] a : new String[][] {
                {"lid-bench", "--datasets", "nope", "--out", dir.resolve("x").toString()},
                {"lid-bench", "--steps", "-3", "--out", dir.resolve("x").toString()},
                {"lid-bench", "--n", "100", "--queries", "200", "--out", dir.resolve("x").toString()}}) {
            CliRun r = CliRun.of(a);
            assertEquals(2, r.code(), r.toString());
            assertEquals(1, r.textLines().size(), r.toString());
        }
        assertTrue(Files.notExists(dir.resolve("x")));
    }
}
