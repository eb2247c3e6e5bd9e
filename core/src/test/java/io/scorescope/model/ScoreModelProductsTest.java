package io.scorescope.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Network jvp / vjp against J v and J^T u from the exact forward and reverse Jacobians. */
class ScoreModelProductsTest {
    private static double relErr(double[] a, double[] ref) { return Vec.dist(a, ref) / Vec.norm(ref); }

    @ParameterizedTest
    @EnumSource(Parameterisation.class)
    void productsMatchTheExactJacobians(Parameterisation p) {
        ScoreModel model = ScoreModel.create(new ModelSpec(4, 32, 3, 4, p, 0.6), 7);
        Mat x = new Rng(3).gaussian(3, 4), v = new Rng(4).gaussian(3, 4), u = new Rng(5).gaussian(3, 4);
        double[] sigma = {0.03, 0.4, 2.5};
        Mat jv = model.jvp(x, sigma, v), jtu = model.vjp(x, sigma, u);
        Mat[] exact = model.jacobian(x, sigma), reverse = model.jacobianReverse(x, sigma);
        for (Mat[] js : new Mat[][] {exact, reverse}) {
            for (int i = 0; i < 3; i++) {
                double ef = relErr(jv.row(i), js[i].times(v.row(i)));
                double eb = relErr(jtu.row(i), js[i].transpose().times(u.row(i)));
                assertTrue(ef < 1e-10, p + " jvp row " + i + ": rel err " + ef);
                assertTrue(eb < 1e-10, p + " vjp row " + i + ": rel err " + eb);
            }
        }
        // the live view evaluates the same products with its own weights
        Mat live = model.live().jvp(x, sigma, v);
        Mat[] liveJ = model.live().jacobian(x, sigma);
        for (int i = 0; i < 3; i++) assertTrue(relErr(live.row(i), liveJ[i].times(v.row(i))) < 1e-10);
    }
}
