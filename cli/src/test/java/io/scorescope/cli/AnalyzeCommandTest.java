package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze} against closed forms, through the CLI. */
class AnalyzeCommandTest {

    private static JsonNode analyze(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void gaussianSingularValuesAreInverseVariancesAndSignsPair() throws Exception {
        double s = 0.3;
        double[] var = {2.0, 0.5, 0.01};
        JsonNode o = analyze("analyze", "--field", "gaussian:2,0.5,0.01", "--at", "0.3,-0.2,0.1", "--sigma", "0.3", "--json");
        for (int i = 0; i < 3; i++) {
            double expected = 1 / (var[i] + s * s);
            assertEquals(expected, o.get("singular_values").get(2 - i).asDouble(), 1e-6 * expected);
            assertEquals(1, o.get("sign_pairing").get(i).asDouble(), 1e-9);
            assertEquals(1 - s * s * expected, o.get("gains").get(2 - i).asDouble(), 1e-6);
        }
        assertEquals(2, o.get("local_dim").asInt());   // gains 0.957, 0.847, 0.1
    }

    @Test
    void rotatingGaussianHasTheClosedFormAntisymmetricPart() throws Exception {
        // J = -diag(1/(v_i + s^2)) + omega (e1 e2^T - e2 e1^T); tangent = span(e1, e2)
        double s = 0.5, w = 0.7;
        double[] v = {1, 1, 0.04};
        JsonNode o = analyze("analyze", "--field", "rotating-gaussian:1,1,0.04:0.7", "--at", "0.1,0.2,0.3",
                "--sigma", "0.5", "--tangent", "e1,e2", "--json");
        double l1 = 1 / (v[0] + s * s), l3 = 1 / (v[2] + s * s);
        double a2 = 2 * w * w, j2 = 2 * l1 * l1 + l3 * l3 + a2;
        assertEquals(a2 / j2, o.get("nasym").asDouble(), 1e-6);
        assertEquals(Math.sqrt(a2) / Math.sqrt(2 * l1 * l1 + a2), o.get("r_tt").asDouble(), 1e-6);
        assertEquals(0, o.get("r_nn").asDouble(), 1e-12);
        assertEquals(1, o.get("tangent_share").asDouble(), 1e-9);
        assertEquals(0, o.get("cross_share").asDouble(), 1e-9);
        // curl w = 2 (A_32, A_13, A_21) with A_21 = -omega
        assertEquals(0, o.get("curl").get(0).asDouble(), 1e-9);
        assertEquals(0, o.get("curl").get(1).asDouble(), 1e-9);
        assertEquals(-2 * w, o.get("curl").get(2).asDouble(), 1e-6);
    }

    @Test
    void exactSphereFieldAtSmallSigmaIsTwoDimensionalConservativeAndProjectsNormally() throws Exception {
        JsonNode o = analyze("analyze", "--field", "manifold:sphere", "--at", "0.3,0.4,0.87", "--sigma", "0.02", "--json");
        assertEquals(2, o.get("local_dim").asInt());
        assertTrue(o.get("nasym").isNull() || o.get("nasym").asDouble() < 1e-12, o.get("nasym").toString());
        assertTrue(o.get("normal_block_norm_true").asDouble() < 0.05, o.toString());
        assertTrue(o.get("leakage_true").asDouble() < 0.01, o.toString());
    }

    @Test
    void badInputGivesOneLineAndExitTwo(@TempDir Path tmp) {
        List<String[]> bad = List.of(
                new String[] {"analyze", "--field", "nonsense:1", "--at", "0,0", "--sigma", "1", "--json"},
                new String[] {"analyze", "--field", "gaussian:1,1", "--at", "0,0,0", "--sigma", "1", "--json"},
                new String[] {"analyze", "--field", "gaussian:1,1", "--at", "0,0", "--sigma", "-1", "--json"},
                new String[] {"analyze", "--field", "gaussian:1,1", "--at", "0,x", "--sigma", "1", "--json"},
                new String[] {"analyze", "--field", "gaussian:1,1", "--at", "0,0", "--sigma", "1", "--tangent", "e3"},
                new String[] {"analyze", "--model", tmp.resolve("none").toString(), "--sequences", tmp.toString(), "--out", tmp.resolve("o").toString()});
        for (String[] args : bad) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
            assertTrue(r.err().startsWith("scorescope: "), r.err());
        }
        assertTrue(Files.notExists(tmp.resolve("o")));
    }

    @Test
    void savedJacobiansAreTheModelsJacobiansInTableOrder(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model"), samples = tmp.resolve("samples"), out = tmp.resolve("analysis");
        assertEquals(0, CliRun.of("train", "--out", model.toString(), "--steps", "20", "--batch", "32", "--hidden", "16",
                "--depth", "2", "--n-train", "200", "--checkpoint-every", "20").code());
        CliRun sampled = CliRun.of("sample", "--model", model.toString(), "--n", "3", "--steps", "10", "--out", samples.toString());
        assertEquals(0, sampled.code(), sampled.messages().toString());
        Path npy = tmp.resolve("jac.npy");
        CliRun r = CliRun.of("analyze", "--model", model.toString(), "--sequences", samples.toString(), "--out", out.toString(),
                "--levels", "4", "--save-jacobians", npy.toString());
        assertEquals(0, r.code(), r.err().lines().filter(l -> l.startsWith("scorescope")).toList().toString());
        var arr = io.scorescope.io.Npy.read(npy);
        assertEquals(List.of(12, 3, 3), java.util.Arrays.stream(arr.shape()).boxed().toList());
        // analysis.csv holds NaN cells (undefined ratios), which the strict data reader refuses: split by hand
        List<String[]> lines = Files.readAllLines(out.resolve("analysis.csv")).stream().map(l -> l.split(",", -1)).toList();
        List<String> head = List.of(lines.get(0));
        var m = io.scorescope.training.Checkpoint.load(model).model();
        for (int row : new int[] {0, 7, 11}) {
            String[] cells = lines.get(row + 1);
            double sigma = Double.parseDouble(cells[head.indexOf("sigma")]);
            double[] x = {Double.parseDouble(cells[head.indexOf("x0")]), Double.parseDouble(cells[head.indexOf("x1")]),
                    Double.parseDouble(cells[head.indexOf("x2")])};
            io.scorescope.math.Mat j = m.jacobian(io.scorescope.math.Mat.row(x), sigma)[0];
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    assertEquals(j.get(a, b), arr.data()[row * 9 + a * 3 + b], 1e-9 * (1 + j.frobenius()), "row " + row);
        }
        CliRun bad = CliRun.of("analyze", "--model", model.toString(), "--sequences", samples.toString(),
                "--out", tmp.resolve("o2").toString(), "--save-jacobians", tmp.resolve("jac.txt").toString());
        assertEquals(2, bad.code());
    }
}
