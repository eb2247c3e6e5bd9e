package io.scorescope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Export a ScoreModel to TorchScript and re-import it: the same field as the native model. */
class TorchScriptExportTest {
    @TempDir Path dir;

    private static double relErr(Mat a, Mat ref) { return a.minus(ref).frobenius() / ref.frobenius(); }

    @ParameterizedTest
    @EnumSource(Parameterisation.class)
    void reimportedModelEqualsNative(Parameterisation p) {
        ScoreModel model = ScoreModel.create(new ModelSpec(3, 16, 2, 3, p, 0.6), 5);
        Mat x = new Rng(1).gaussian(4, 3);
        double[] sigma = {0.02, 0.3, 1.1, 3};
        Mat g = model.score(x, sigma);
        Mat[] j = model.jacobian(x, sigma);
        for (TorchScriptField.Kind kind : TorchScriptField.Kind.values()) {
            if (kind == TorchScriptField.Kind.ENERGY && !p.conservative()) continue;
            Path f = dir.resolve(p.cliName() + "-" + kind.cliName() + ".pt");
            TorchScriptExport.write(model, kind, f);
            TorchScriptField back = TorchScriptField.fromSpec(f.toString());   // kind and shape from the metadata
            assertEquals(kind, back.kind());
            assertTrue(back.describe().contains("float64"), back.describe());
            // native scores run in float32; the re-imported module runs in float64 on the same float32 weights
            assertTrue(relErr(back.score(x, sigma), g) < 1e-5, p + "/" + kind + " score " + relErr(back.score(x, sigma), g));
            Mat[] jb = back.jacobian(x, sigma);
            // both Jacobians are float64 on the same weights: equal to round-off
            for (int i = 0; i < j.length; i++)
                assertTrue(relErr(jb[i], j[i]) < 1e-11, p + "/" + kind + " Jacobian row " + i + ": " + relErr(jb[i], j[i]));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Parameterisation.class, names = {"EPS", "SCORE"})
    void energyOutputNeedsAnEnergyModelAndNothingIsWritten(Parameterisation p) {
        ScoreModel model = ScoreModel.create(new ModelSpec(2, 8, 1, 1, p, 1), 1);
        Path f = dir.resolve("x.pt");
        InputException e = assertThrows(InputException.class, () -> TorchScriptExport.write(model, TorchScriptField.Kind.ENERGY, f));
        assertTrue(e.getMessage().contains("energy-parameterised"));
        assertTrue(!Files.exists(f));
    }
}
