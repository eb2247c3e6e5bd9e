package io.scorescope.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.engine.ScriptModule;
import io.scorescope.field.GaussianField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.NoiseFrame;
import io.scorescope.model.TorchScriptField;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VP-time modules converted to the VE form: x_ve = x_t / s, sigma = sqrt(1 - s^2) / s, argument t. */
class TorchScriptSpecTest {
    @TempDir Path dir;

    /** A VP-time module of N(0, diag(0.5, 1, 2)): s(t) from the beta schedule, score_t = -x_t / (s^2 v + 1 - s^2). */
    private Path vpModule(String name, double bmin, double bmax, String ret) {
        String src = "def forward(self, x: Tensor, t: Tensor) -> Tensor:\n"
                + "    t = t.reshape(-1, 1)\n"
                + "    s = torch.exp(-0.5 * (" + bmin + " * t + 0.5 * (" + bmax + " - " + bmin + ") * t * t))\n"
                + "    v = torch.tensor([0.5, 1.0, 2.0], dtype=x.dtype)\n"
                + "    score = -x / (s * s * v + 1.0 - s * s)\n"
                + "    return " + ret + "\n";
        Path f = dir.resolve(name);
        ScriptModule.save(f, src, Map.of(), "{\"shape\": [3]}");
        return f;
    }

    @Test
    void vpFrameInvertsTheMarginal() {
        VpSde sde = new VpSde(0.5, 10);
        NoiseFrame f = TorchScriptSpec.frame("vp=0.5,10");
        for (double sigma : new double[] {0.01, 0.3, 1, 5, 40}) {
            double t = f.argument(sigma);
            assertEquals(sigma, sde.marginal(t).sigma(), 1e-12 * sigma);
            assertEquals(1 / Math.sqrt(1 + sigma * sigma), f.scale(sigma), 1e-14);
        }
        assertEquals(new VpSde().timeOf(0.7), TorchScriptSpec.frame("vp").argument(0.7), 0);
        assertEquals(null, TorchScriptSpec.frame("some/path"));
        assertThrows(InputException.class, () -> TorchScriptSpec.frame("vp=1"));
        assertThrows(InputException.class, () -> TorchScriptSpec.frame("vp=a,b"));
        assertThrows(InputException.class, () -> TorchScriptSpec.frame("vp=2,1"));
    }

    @Test
    void vpScoreAndEpsModulesEqualTheVeGaussian() {
        GaussianField ref = GaussianField.diagonal(0.5, 1, 2);
        Mat x = new Rng(9).gaussian(4, 3);
        double[] sigma = {0.02, 0.4, 1.5, 8};
        // eps_t = -sqrt(1 - s^2) score_t; both conversions must give the VE Gaussian field
        TorchScriptField eps = TorchScriptSpec.fromSpec(vpModule("eps.pt", 0.1, 20, "-torch.sqrt(1.0 - s * s) * score") + ":eps:vp");
        TorchScriptField score = TorchScriptSpec.fromSpec(vpModule("score.pt", 0.5, 10, "score") + ":vp=0.5,10:score");
        for (TorchScriptField f : new TorchScriptField[] {eps, score}) {
            assertTrue(f.describe().contains("vp("), f.describe());
            Mat g = f.score(x, sigma), gr = ref.score(x, sigma);
            assertTrue(g.minus(gr).frobenius() < 1e-12 * gr.frobenius(), "score " + f.describe());
            Mat[] j = f.jacobian(x, sigma), jr = ref.jacobian(x, sigma);
            for (int i = 0; i < j.length; i++)
                assertTrue(j[i].minus(jr[i]).frobenius() < 1e-12 * jr[i].frobenius(), "Jacobian " + f.describe() + " row " + i);
        }
        // declared in the wrong frame, the same module is a different field: the frame matters
        TorchScriptField wrong = TorchScriptSpec.fromSpec(dir.resolve("score.pt") + ":score");
        assertTrue(wrong.score(x, sigma).minus(ref.score(x, sigma)).frobenius() > 1e-3);
    }
}
