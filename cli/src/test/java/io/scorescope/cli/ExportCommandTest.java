package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.Npy;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ScoreModel;
import io.scorescope.model.TorchScriptField;
import io.scorescope.sde.TorchScriptSpec;
import io.scorescope.training.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scorescope export: a briefly trained model, exported, re-imported through the field spec; bad input exits 2. */
class ExportCommandTest {
    @TempDir static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("model");
        assertEquals(0, CliRun.of("train", "--data", "sphere", "--out", model.toString(), "--steps", "20", "--batch", "32",
                "--hidden", "16", "--depth", "2", "--n-train", "200", "--checkpoint-every", "20").code());
    }


    @Test
    void exportedModelReimportsAsTheSameField() {
        Path pt = dir.resolve("m.pt");
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--out", pt.toString(), "--output", "denoiser").code());
        ScoreModel nativeModel = Checkpoint.load(model).model();
        TorchScriptField back = TorchScriptSpec.fromSpec(pt.toString());
        assertEquals(TorchScriptField.Kind.DENOISER, back.kind());
        Mat x = new Rng(3).gaussian(5, 3);
        double[] sigma = {0.01, 0.1, 0.5, 1, 2};
        Mat[] j = nativeModel.jacobian(x, sigma), jb = back.jacobian(x, sigma);
        for (int i = 0; i < j.length; i++) assertTrue(jb[i].minus(j[i]).frobenius() < 1e-11 * j[i].frobenius(), "row " + i);
        Mat g = nativeModel.score(x, sigma);
        assertTrue(back.score(x, sigma).minus(g).frobenius() < 1e-5 * g.frobenius());
        // the Jacobians helper writes [n, D, D] that read back exactly
        SaveJacobians save = new SaveJacobians();
        save.file = dir.resolve("jac.npy");
        save.write(jb);
        Mat[] read = Npy.read(save.file).toMats();
        for (int i = 0; i < jb.length; i++) assertEquals(jb[i], read[i]);
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path junk = dir.resolve("junk.pt");
        Files.write(junk, new byte[] {1, 2, 3});
        CliRun[] bad = {
            CliRun.of("export", "--model", dir.resolve("nothing").toString(), "--out", dir.resolve("a.pt").toString()),
            CliRun.of("export", "--model", model.toString(), "--out", dir.resolve("b.pt").toString(), "--output", "velocity"),
            CliRun.of("export", "--model", model.toString(), "--out", dir.resolve("c.pt").toString(), "--output", "energy"),
            CliRun.of("export", "--model", model.toString(), "--out", dir.toString()),
            CliRun.of("export", "--out", dir.resolve("d.pt").toString()),
        };
        for (CliRun r : bad) {
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("scorescope: "), r.err());
        }
        assertTrue(bad[1].err().contains("expected one of [score, eps, denoiser, energy]"), bad[1].err());
        assertFalse(Files.exists(dir.resolve("c.pt")));
    }
}
