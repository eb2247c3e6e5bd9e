package io.scorescope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.field.FiniteDifference;
import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScoreModelJacobianTest {
    private static final double[] SIGMAS = {0.03, 0.4, 2.5};

    private static double relErr(Mat a, Mat b) { return a.minus(b).frobenius() / b.frobenius(); }

    @ParameterizedTest
    @EnumSource(Parameterisation.class)
    void forwardReverseAndFiniteDifferencesAgree(Parameterisation p) {
        ScoreModel model = ScoreModel.create(new ModelSpec(4, 32, 3, 4, p, 0.6), 7);
        Mat x = new Rng(3).gaussian(3, 4);
        for (double s : SIGMAS) {
            double[] sigma = {s, s, s};
            Mat[] exact = model.jacobian(x, sigma);
            Mat[] reverse = model.jacobianReverse(x, sigma);
            // finite differences of the float64 evaluation of the same network
            ScoreField f64 = new ScoreField() {
                @Override public int dim() { return 4; }
                @Override public Mat score(Mat y, double[] sg) { return model.scoreFloat64(y, sg); }
                @Override public String describe() { return "float64 view"; }
            };
            Mat[] fd = FiniteDifference.jacobian(f64, x, sigma, 1e-5 * Math.min(1, s));
            Mat g32 = model.score(x, sigma), g64 = model.scoreFloat64(x, sigma);
            assertTrue(g32.minus(g64).frobenius() < 1e-5 * g64.frobenius(), "float32 and float64 scores agree");
            for (int i = 0; i < 3; i++) {
                assertTrue(relErr(exact[i], reverse[i]) < 1e-10, p + " forward vs reverse at sigma " + s);
                assertTrue(relErr(fd[i], exact[i]) < 1e-6, p + " finite differences vs exact at sigma " + s
                        + ": " + relErr(fd[i], exact[i]));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Parameterisation.class, names = {"ENERGY", "ENERGY_EDM"})
    void energyJacobianIsSymmetricAndScoreIsMinusGradient(Parameterisation p) {
        ScoreModel model = ScoreModel.create(new ModelSpec(3, 32, 3, 4, p, 0.6), 11);
        Mat x = new Rng(5).gaussian(4, 3);
        double[] sigma = {0.1, 0.1, 0.1, 0.1};
        for (Mat j : model.jacobian(x, sigma)) assertEquals(0, j.antisymmetricPart().frobenius() / j.frobenius(), 1e-12);
        Mat g = model.score(x, sigma);
        for (int i = 0; i < 4; i++) {
            double[] grad = FiniteDifference.gradient(
                    y -> model.energy(Mat.row(y), new double[] {0.1})[0], x.row(i), 1e-2);
            for (int k = 0; k < 3; k++) assertEquals(-grad[k], g.get(i, k), 2e-3 * (1 + Math.abs(grad[k])));
        }
    }
}
