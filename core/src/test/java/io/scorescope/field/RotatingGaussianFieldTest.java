package io.scorescope.field;

import static io.scorescope.field.FieldChecks.relErr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import org.junit.jupiter.api.Test;

class RotatingGaussianFieldTest {
    @Test
    void jacobianMatchesFiniteDifferencesAndSplitsExactly() {
        RotatingGaussianField f = RotatingGaussianField.diagonal(0.7, 1, 0.5, 0.1);
        Mat x = new Rng(9).gaussian(4, 3);
        for (double sigma : new double[] {0.1, 1}) {
            FieldChecks.jacobianMatchesFiniteDifference(f, x, sigma, 1e-6);
            for (Mat j : f.jacobian(x, sigma)) {
                assertEquals(0, j.antisymmetricPart().minus(f.antisymmetricPart()).maxAbs(), 1e-15);
                assertTrue(relErr(j.symmetricPart(), f.gaussian().jacobian(sigma)) < 1e-15);
            }
        }
        Mat a = f.antisymmetricPart();
        assertEquals(0.7, a.get(0, 1), 0);
        assertEquals(-0.7, a.get(1, 0), 0);
        assertEquals(0.7 * 0.7 * 2, a.frobenius2(), 1e-15);
    }

    @Test
    void rotationIsOrthogonalToThePosition() {
        // with equal variances in the rotation plane the rotating part is tangent to circles: x . A x = 0
        RotatingGaussianField f = RotatingGaussianField.diagonal(2, 1, 1);
        double[] x = {0.6, -0.8};
        double[] g = f.score(Mat.row(x), 0.5).row(0);
        double[] base = f.gaussian().score(x, 0.5);
        assertEquals(0, (g[0] - base[0]) * x[0] + (g[1] - base[1]) * x[1], 1e-15);
        assertEquals(2 * -0.8, g[0] - base[0], 1e-15);
    }

    @Test
    void needsTwoDimensions() {
        assertThrows(IllegalArgumentException.class, () -> RotatingGaussianField.diagonal(1, 1));
    }
}
