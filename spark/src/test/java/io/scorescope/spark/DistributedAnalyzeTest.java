package io.scorescope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze --master local[2]: the (sequence, level) points on executors give the local analysis.csv to 1e-12. */
class DistributedAnalyzeTest {
    @TempDir Path tmp;

    @Test void distributedAnalysisEqualsTheLocalOne() throws Exception {
        Path model = tmp.resolve("model"), seq = tmp.resolve("seq"), local = tmp.resolve("local"), dist = tmp.resolve("dist");
        assertEquals(0, Main.execute("train", "--data", "sphere", "--steps", "60", "--n-train", "400", "--out", model.toString()));
        assertEquals(0, Main.execute("sample", "--model", model.toString(), "--n", "6", "--steps", "20", "--out", seq.toString()));
        assertEquals(0, Main.execute("analyze", "--model", model.toString(), "--sequences", seq.toString(), "--out", local.toString(), "--levels", "4"));
        assertEquals(0, DistributedAnalyze.run(new String[] {"--model", model.toString(), "--sequences", seq.toString(), "--out", dist.toString(),
                "--levels", "4", "--master", "local[2]"}));
        for (String file : List.of("analysis.csv", "spectra.csv")) {
            List<String> a = Files.readAllLines(local.resolve(file)), b = Files.readAllLines(dist.resolve(file));
            assertEquals(a.get(0), b.get(0), file + " header");
            assertEquals(a.size(), b.size(), file + " rows");
            assertEquals(1 + 6 * 4, a.size());
            double worst = 0;
            for (int r = 1; r < a.size(); r++) {
                String[] x = a.get(r).split(",", -1), y = b.get(r).split(",", -1);
                assertEquals(x.length, y.length);
                for (int c = 0; c < x.length; c++) {
                    if (x[c].equals(y[c])) continue;
                    double u = Double.parseDouble(x[c]), v = Double.parseDouble(y[c]);
                    double d = Math.abs(u - v) / Math.max(1, Math.abs(u));
                    worst = Math.max(worst, d);
                    assertTrue(d <= 1e-12, file + " row " + r + " column " + c + ": " + x[c] + " vs " + y[c]);
                }
            }
            System.out.printf("%s: largest difference %.3g%n", file, worst);
        }
    }
}
