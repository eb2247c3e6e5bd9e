package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.engine.ScriptModule;
import io.scorescope.io.Json;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TorchScript modules built in-process (compiled from TorchScript source, no Python)
 * for fields with known answers, saved to files and analysed through the CLI, give the same numbers as the
 * built-in analytic fields.
 */
class AnalyzeTorchScriptTest {
    private static final String V = "torch.tensor([0.5, 1.0, 2.0], dtype=x.dtype)";
    private static final String HEAD = "def forward(self, x: Tensor, sigma: Tensor) -> Tensor:\n    s2 = sigma.reshape(-1, 1) ** 2\n";
    private static final String ROT = "torch.tensor([[0.0, 0.75, 0.0], [-0.75, 0.0, 0.0], [0.0, 0.0, 0.0]], dtype=x.dtype)";

    @TempDir Path dir;

    private Path module(String name, String body) {
        Path f = dir.resolve(name);
        ScriptModule.save(f, HEAD + body, Map.of(), "{}");
        return f;
    }

    private static JsonNode analyze(String field, String... extra) throws Exception {
        String[] base = {"analyze", "--field", field, "--at", "0.4,-0.3,0.9", "--sigma", "0.35", "--json"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    /** Every numeric value of the two analyses agrees (the field description aside). */
    private static void assertSameNumbers(JsonNode expected, JsonNode actual, double tol) {
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals("field")) continue;
            JsonNode e = expected.get(k), a = actual.get(k);
            assertTrue(a != null, "missing " + k);
            if (e.isArray()) {
                assertEquals(e.size(), a.size(), k);
                for (int i = 0; i < e.size(); i++) assertEquals(e.get(i).asDouble(), a.get(i).asDouble(), tol * (1 + Math.abs(e.get(i).asDouble())), k + "[" + i + "]");
            } else if (e.isNumber()) {
                assertEquals(e.asDouble(), a.asDouble(), tol * (1 + Math.abs(e.asDouble())), k);
            } else {
                assertEquals(e, a, k);
            }
        }
    }

    @Test
    void everyParameterisationOfTheGaussianReproducesTheClosedForm() throws Exception {
        JsonNode exact = analyze("gaussian:0.5,1,2");
        assertSameNumbers(exact, analyze("torchscript:" + module("score.pt", "    return -x / (" + V + " + s2)\n") + ":score:dim=3"), 1e-9);
        assertSameNumbers(exact, analyze("torchscript:" + module("den.pt", "    return x * " + V + " / (" + V + " + s2)\n") + ":denoiser:dim=3"), 1e-9);
        assertSameNumbers(exact, analyze("torchscript:" + module("eps.pt", "    return sigma.reshape(-1, 1) * x / (" + V + " + s2)\n") + ":eps:dim=3"), 1e-9);
        assertSameNumbers(exact, analyze("torchscript:" + module("e.pt", "    return 0.5 * (x * x / (" + V + " + s2)).sum(1)\n") + ":energy:dim=3"), 1e-9);
    }

    @Test
    void rotatingGaussianReproducesItsAntisymmetricPart() throws Exception {
        JsonNode exact = analyze("rotating-gaussian:0.5,1,2:0.75", "--tangent", "e1,e2");
        JsonNode ts = analyze("torchscript:" + module("rot.pt", "    return -x / (" + V + " + s2) + x.matmul(" + ROT + ".t())\n") + ":dim=3",
                "--tangent", "e1,e2");
        assertSameNumbers(exact, ts, 1e-9);
        assertTrue(ts.get("nasym").asDouble() > 0.01, "the rotation is visible");
    }

    @Test
    void malformedModuleIsOneLineExitTwo() throws Exception {
        Path junk = dir.resolve("junk.pt");
        java.nio.file.Files.write(junk, new byte[] {1, 2, 3, 4, 5});
        CliRun r = CliRun.of("analyze", "--field", "torchscript:" + junk + ":dim=3", "--at", "0,0,0", "--sigma", "1", "--json");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
    }
}
