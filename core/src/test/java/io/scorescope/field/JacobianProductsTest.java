package io.scorescope.field;

import static io.scorescope.field.FieldChecks.relErr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The default jvp (finite differences along v) and vjp (via the exact Jacobian) against J v and J^T u. */
class JacobianProductsTest {
    static Stream<ScoreField> fields() {
        return Stream.of(GaussianFieldTest.randomGaussian(4, 7),
                new RotatingGaussianField(GaussianFieldTest.randomGaussian(4, 3), 0.8),   // J not symmetric
                SmoothedEmpiricalFieldTest.field(30, 4, 1));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void defaultProductsMatchTheExactJacobian(ScoreField f) {
        Mat x = new Rng(2).gaussian(5, 4), v = new Rng(3).gaussian(5, 4).scale(3), u = new Rng(4).gaussian(5, 4);
        double[] sigma = {0.3, 0.5, 1, 2, 4};
        Mat[] j = f.jacobian(x, sigma);
        Mat jv = f.jvp(x, sigma, v), jtu = f.vjp(x, sigma, u);
        for (int i = 0; i < 5; i++) {
            double ef = relErr(jv.row(i), j[i].times(v.row(i)));
            double eb = relErr(jtu.row(i), j[i].transpose().times(u.row(i)));
            assertTrue(ef < 1e-6, f.describe() + " jvp row " + i + ": rel err " + ef);
            assertTrue(eb < 1e-12, f.describe() + " vjp row " + i + ": rel err " + eb);
        }
    }

    @Test
    void rotationSeparatesJvpFromVjp() {
        RotatingGaussianField f = RotatingGaussianField.diagonal(0.7, 1, 0.5, 0.1);
        Mat x = new Rng(9).gaussian(3, 3), w = new Rng(10).gaussian(3, 3);
        double[] sigma = {0.2, 0.2, 0.2};
        // (J - J^T) w = 2 A w exactly, so the two products must differ by the rotation
        Mat diff = f.jvp(x, sigma, w).minus(f.vjp(x, sigma, w));
        Mat expected = w.times(f.antisymmetricPart().transpose()).scale(2);
        assertTrue(relErr(diff, expected) < 1e-6, "rel err " + relErr(diff, expected));
    }

    @Test
    void zeroTangentGivesZeroAndShapesAreChecked() {
        ScoreField f = GaussianFieldTest.randomGaussian(3, 1);
        Mat x = new Rng(1).gaussian(2, 3);
        assertArrayEquals(new double[6], f.jvp(x, new double[] {1, 1}, new Mat(2, 3)).data(), 0);
        assertThrows(IllegalArgumentException.class, () -> f.jvp(x, new double[] {1, 1}, new Mat(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> f.vjp(x, new double[] {1, 1}, new Mat(1, 3)));
    }
}
