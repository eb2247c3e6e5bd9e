package io.scorescope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.engine.ParamArray;
import io.scorescope.engine.ScriptModule;
import io.scorescope.field.FiniteDifference;
import io.scorescope.field.GaussianField;
import io.scorescope.field.RotatingGaussianField;
import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TorchScript modules compiled in-process from source, loaded back through the field spec, against closed forms. */
class TorchScriptFieldTest {
    private static final double[] VAR = {0.5, 1.0, 2.0};
    private static final String V = "torch.tensor([0.5, 1.0, 2.0], dtype=x.dtype)";
    private static final String HEAD = "def forward(self, x: Tensor, sigma: Tensor) -> Tensor:\n    s2 = sigma.reshape(-1, 1) ** 2\n";

    @TempDir Path dir;

    private final Mat x = new Rng(4).gaussian(5, 3);
    private final double[] sigma = {0.05, 0.3, 1.0, 2.5, 0.7};

    static Path module(Path dir, String name, String source, Map<String, ParamArray> params, String meta) {
        Path f = dir.resolve(name);
        ScriptModule.save(f, source, params, meta);
        return f;
    }

    private Path module(String name, String body) { return module(dir, name, HEAD + body, Map.of(), "{}"); }

    static double relErr(Mat a, Mat ref) { return a.minus(ref).frobenius() / ref.frobenius(); }

    private void assertMatches(ScoreField ref, ScoreField f, double tol) {
        assertEquals(ref.dim(), f.dim());
        assertTrue(relErr(f.score(x, sigma), ref.score(x, sigma)) < tol, "score: " + relErr(f.score(x, sigma), ref.score(x, sigma)));
        Mat[] j = f.jacobian(x, sigma), jr = ref.jacobian(x, sigma);
        for (int i = 0; i < j.length; i++) assertTrue(relErr(j[i], jr[i]) < tol, "Jacobian row " + i + ": " + relErr(j[i], jr[i]));
    }

    @Test
    void gaussianScoreModule() {
        Path f = module("g.pt", "    return -x / (" + V + " + s2)\n");
        TorchScriptField field = TorchScriptField.fromSpec(f + ":dim=3");
        assertEquals(TorchScriptField.Kind.SCORE, field.kind());
        assertTrue(field.describe().contains("float64"), field.describe());
        assertMatches(GaussianField.diagonal(VAR), field, 1e-14);
    }

    @Test
    void rotatingGaussianModule() {
        String a = "torch.tensor([[0.0, 0.75, 0.0], [-0.75, 0.0, 0.0], [0.0, 0.0, 0.0]], dtype=x.dtype)";
        Path f = module("rot.pt", "    return -x / (" + V + " + s2) + x.matmul(" + a + ".t())\n");
        TorchScriptField field = TorchScriptField.fromSpec(f + ":score:dim=3");
        assertMatches(RotatingGaussianField.diagonal(0.75, VAR), field, 1e-14);
        Mat antisym = field.jacobian(x, sigma)[2].antisymmetricPart();
        assertEquals(0.75, antisym.get(0, 1), 1e-14);
    }

    @Test
    void denoiserAndEpsModules() {
        Path d = module("den.pt", "    return x * " + V + " / (" + V + " + s2)\n");
        Path e = module("eps.pt", "    return sigma.reshape(-1, 1) * x / (" + V + " + s2)\n");
        assertMatches(GaussianField.diagonal(VAR), TorchScriptField.fromSpec(d + ":denoiser:dim=3"), 1e-12);
        assertMatches(GaussianField.diagonal(VAR), TorchScriptField.fromSpec(e + ":eps:dim=3"), 1e-13);
    }

    @Test
    void energyModuleGivesScoreAndSymmetricHessian() {
        Path f = module("e.pt", "    return 0.5 * (x * x / (" + V + " + s2)).sum(1)\n");
        TorchScriptField field = TorchScriptField.fromSpec(f + ":energy:dim=3");
        assertMatches(GaussianField.diagonal(VAR), field, 1e-14);
        // a non-quadratic energy [B, 1]: Hessian symmetric to round-off and equal to finite differences of the score
        Path g = module("e2.pt", "    y = x.matmul(torch.tensor([[1.0, 0.3, -0.2], [0.1, 0.8, 0.5], [-0.4, 0.2, 1.1]], dtype=x.dtype))\n"
                + "    return (torch.log(torch.cosh(y)) / (1.0 + s2) + 0.1 * y ** 3).sum(1, keepdim=True)\n");
        TorchScriptField nonlinear = TorchScriptField.fromSpec(g + ":energy:dim=3");
        Mat[] j = nonlinear.jacobian(x, sigma);
        Mat[] fd = FiniteDifference.jacobian(nonlinear, x, sigma, 1e-6);
        for (int i = 0; i < j.length; i++) {
            assertTrue(j[i].antisymmetricPart().frobenius() <= 1e-14 * j[i].frobenius(), "Hessian not symmetric");
            assertTrue(relErr(fd[i], j[i]) < 1e-8, "energy Hessian vs finite differences: " + relErr(fd[i], j[i]));
        }
    }

    @Test
    void reverseModeJacobianMatchesFiniteDifferencesForEveryKind() {
        String body = "    return torch.tanh(x.matmul(torch.tensor([[1.0, 0.3, -0.2], [0.1, 0.8, 0.5], [-0.4, 0.2, 1.1]], dtype=x.dtype)) + sigma.reshape(-1, 1)) * x[:, 0:1]\n";
        Path f = module("nl.pt", body);
        for (String kind : new String[] {"score", "eps", "denoiser"}) {
            TorchScriptField field = TorchScriptField.fromSpec(f + ":" + kind + ":dim=3");
            Mat[] j = field.jacobian(x, sigma);
            Mat[] fd = FiniteDifference.jacobian(field, x, sigma, 1e-7);
            for (int i = 0; i < j.length; i++) assertTrue(relErr(fd[i], j[i]) < 1e-7, kind + " row " + i + ": " + relErr(fd[i], j[i]));
        }
    }

    @Test
    void imageShapedModulesAreFlattened() {
        // x: [B, 1, 2, 2], a per-pixel Gaussian with variances 0.5, 1, 2, 4
        String v = "torch.tensor([0.5, 1.0, 2.0, 4.0], dtype=x.dtype).reshape(1, 1, 2, 2)";
        Path f = module(dir, "img.pt", "def forward(self, x: Tensor, sigma: Tensor) -> Tensor:\n"
                + "    return -x / (" + v + " + sigma.reshape(-1, 1, 1, 1) ** 2)\n", Map.of(), "{}");
        TorchScriptField field = TorchScriptField.fromSpec(f + ":shape=1,2,2");
        assertEquals(4, field.dim());
        Mat y = new Rng(2).gaussian(3, 4);
        double[] s = {0.1, 1, 3};
        GaussianField ref = GaussianField.diagonal(0.5, 1, 2, 4);
        assertTrue(relErr(field.score(y, s), ref.score(y, s)) < 1e-15);
        assertTrue(relErr(field.jacobian(y, s)[1], ref.jacobian(y, s)[1]) < 1e-15);
    }

    @Test
    void float32ParametersRunInFloat64UnlessTheModuleOnlyWorksInFloat32() {
        Map<String, ParamArray> p = Map.of("v", new ParamArray(new long[] {3}, new float[] {0.5f, 1f, 2f}));
        Path f = module(dir, "p.pt", HEAD + "    return -x / (self.v + s2)\n", p, "{\"shape\": [3]}");
        TorchScriptField field = TorchScriptField.fromSpec(f.toString());
        assertTrue(field.describe().contains("float64"), field.describe());
        assertMatches(GaussianField.diagonal(VAR), field, 1e-14);
        // torch.eye(3) is float32 inside the module: the float64 probe fails and it runs in float32
        Path g = module(dir, "p32.pt", HEAD + "    return -x.matmul(torch.eye(3)) / (self.v + s2)\n", p, "{\"shape\": [3]}");
        TorchScriptField f32 = TorchScriptField.fromSpec(g.toString());
        assertTrue(f32.describe().contains("float32"), f32.describe());
        assertMatches(GaussianField.diagonal(VAR), f32, 1e-6);
    }

    @Test
    void metadataDeclaresOutputAndShape() {
        Path f = module(dir, "m.pt", HEAD + "    return sigma.reshape(-1, 1) * x / (" + V + " + s2)\n", Map.of(),
                "{\"output\": \"eps\", \"shape\": [3]}");
        TorchScriptField field = TorchScriptField.fromSpec(f.toString());
        assertEquals(TorchScriptField.Kind.EPS, field.kind());
        assertMatches(GaussianField.diagonal(VAR), field, 1e-13);
        InputException e = assertThrows(InputException.class, () -> TorchScriptField.fromSpec(f + ":score"));
        assertTrue(e.getMessage().contains("declares output 'eps'"), e.getMessage());
    }

    // ---------------------------------------------------------------- malformed input: one clear line each

    private static String oneLine(Runnable r) {
        InputException e = assertThrows(InputException.class, r::run);
        assertFalse(e.getMessage().contains("\n"), "multi-line message: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void malformedFilesAreOneLineInputErrors() throws Exception {
        Path random = dir.resolve("random.pt");
        byte[] bytes = new byte[4096];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(random, bytes);
        assertTrue(oneLine(() -> TorchScriptField.fromSpec(random + ":dim=3")).contains("not a TorchScript archive"));

        Path good = module("good.pt", "    return -x / (" + V + " + s2)\n");
        byte[] all = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.pt");
        Files.write(truncated, Arrays.copyOf(all, all.length / 2));
        assertTrue(oneLine(() -> TorchScriptField.fromSpec(truncated + ":dim=3")).contains("not a TorchScript archive"));

        assertTrue(oneLine(() -> TorchScriptField.fromSpec(dir.resolve("missing.pt") + ":dim=3")).contains("no TorchScript file"));
    }

    @Test
    void signatureShapeAndOutputMismatchesNameWhatWasExpected() {
        Path oneArg = module(dir, "one.pt", "def forward(self, x: Tensor) -> Tensor:\n    return -x\n", Map.of(), "{}");
        String m = oneLine(() -> TorchScriptField.fromSpec(oneArg + ":dim=3"));
        assertTrue(m.contains("expected forward(x: Tensor, sigma: Tensor)"), m);

        Path good = module("g.pt", "    return -x / (" + V + " + s2)\n");
        m = oneLine(() -> TorchScriptField.fromSpec(good + ":dim=4"));
        assertTrue(m.contains("[2, 4]"), m);

        Path scalar = module("sum.pt", "    return x.sum(1)\n");
        m = oneLine(() -> TorchScriptField.fromSpec(scalar + ":score:dim=3"));
        assertTrue(m.contains("returned shape [2]") && m.contains("expected a tensor of shape [2, 3]"), m);

        Path vector = module("vec.pt", "    return x\n");
        m = oneLine(() -> TorchScriptField.fromSpec(vector + ":energy:dim=3"));
        assertTrue(m.contains("shape [2] or [2, 1]"), m);

        Path tuple = module(dir, "tuple.pt", "def forward(self, x: Tensor, sigma: Tensor) -> Tuple[Tensor, Tensor]:\n    return x, x\n", Map.of(), "{}");
        m = oneLine(() -> TorchScriptField.fromSpec(tuple + ":dim=3"));
        assertTrue(m.contains("did not return a tensor"), m);

        m = oneLine(() -> TorchScriptField.fromSpec(good.toString()));
        assertTrue(m.contains("add :dim=D"), m);
        m = oneLine(() -> TorchScriptField.fromSpec(good + ":dim=x"));
        assertTrue(m.contains("not an integer"), m);
        m = oneLine(() -> TorchScriptField.fromSpec(good + ":vp:dim=3"));   // no frame resolver at this layer
        assertTrue(m.contains("no TorchScript file"), m);
    }
}
