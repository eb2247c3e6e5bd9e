package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Csv;
import io.scorescope.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LidCommandTest {
    @Test
    void dataOnlyEstimatorsOnABenchmarkWriteEstimatesSummaryAndProvenance(@TempDir Path dir) throws java.io.IOException {
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("lid", "--data", "m2-affine", "--n", "600", "--queries", "40",
                "--estimator", "mle", "--estimator", "twonn:k=10", "--estimator", "lpca:k=30", "--out", out.toString()).code());
        Csv.Table t = Csv.read(out.resolve("estimates.csv"));
        assertEquals(40, t.values().rows());
        assertEquals("truth", t.header()[1]);
        assertEquals(3, t.values().get(0, 1));
        List<String> lines = Files.readAllLines(out.resolve("estimates.csv"));   // row and truth are integers, not 0.0, 3.0
        for (int i = 0; i < 40; i++) assertTrue(lines.get(i + 1).startsWith(i + ",3,"), lines.get(i + 1));
        ObjectNode s = Json.read(out.resolve("summary.json"));
        assertEquals(3, s.get("estimators").size());
        assertEquals(3, s.get("estimators").get(2).get("mean").asDouble(), 0);   // local PCA on a flat 3-plane
        assertTrue(Json.read(out.resolve("provenance.json")).get("definitions").has("twonn"));
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) {
        for (String[] args : new String[][] {
                {"lid", "--data", "m2-affine", "--estimator", "nope", "--out", dir.toString()},
                {"lid", "--data", "m2-affine", "--estimator", "flipd", "--out", dir.toString()},
                {"lid", "--data", "no-such-set", "--out", dir.toString()},
                {"lid", "--data", "m2-affine", "--queries", "0", "--out", dir.toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), r.toString());
            assertEquals(1, r.textLines().size(), r.toString());
        }
        assertTrue(Files.notExists(dir.resolve("estimates.csv")));
    }
}
