package io.scorescope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scorescope.math.Mat;
import io.scorescope.math.Vec;
import org.junit.jupiter.api.Test;

class ComponentDensityTest {
    /** Mean soft responsibility over n = 20000 samples estimates the component weights (within 0.02). */
    private static void responsibilitiesEstimateWeights(Manifold m) {
        ComponentDensity c = (ComponentDensity) m;
        Mat s = m.sample(20000, 8);
        double[] mean = new double[c.componentWeights().length];
        for (int i = 0; i < s.rows(); i++) {
            double[] r = c.responsibilities(s.row(i));
            assertEquals(1, Vec.sum(r), 1e-12);
            for (int k = 0; k < r.length; k++) mean[k] += r[k] / s.rows();
        }
        for (int k = 0; k < mean.length; k++)
            assertEquals(c.componentWeights()[k], mean[k], 0.02, m.name() + " " + c.componentNames()[k]);
        assertEquals(1, Vec.sum(c.componentWeights()), 1e-15);
    }

    @Test void sphereResponsibilities() {
        responsibilitiesEstimateWeights(Sphere.vmfMixture());
        assertEquals(0.45, Sphere.vmfMixture().componentWeights()[0], 1e-15);
        assertEquals(0.10, Sphere.vmfMixture().componentWeights()[3], 1e-15);
    }

    @Test void circleResponsibilities() { responsibilitiesEstimateWeights(Circle.vonMisesMixture()); }

    /** Each component density is normalised: a global (theta, phi) grid integrates it to 1. */
    @Test void sphereComponentsAreNormalised() {
        Sphere s = Sphere.vmfMixture();
        int nt = 200, np = 200;
        GaussLegendre.Rule gl = GaussLegendre.on(0, Math.PI, nt);
        double[] total = new double[4];
        double mix = 0;
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < np; j++) {
                double th = gl.nodes()[i], ph = 2 * Math.PI * j / np;
                double[] y = {Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph), Math.cos(th)};
                double w = gl.weights()[i] * Math.sin(th) * 2 * Math.PI / np;
                double[] l = s.logComponentDensities(y);
                for (int k = 0; k < 4; k++) total[k] += w * Math.exp(l[k]);
                mix += w * Math.exp(s.logDensity(y));
                assertEquals(s.logMixtureDensity(y), s.logDensity(y), 1e-13);
            }
        }
        for (int k = 0; k < 4; k++) assertEquals(1, total[k], 1e-12, s.componentNames()[k]);
        assertEquals(1, mix, 1e-12);
    }

    @Test void circleComponentsAreNormalised() {
        Circle c = Circle.vonMisesMixture();
        int n = 400;
        double[] total = new double[3];
        for (int j = 0; j < n; j++) {
            double[] l = c.logComponentDensities(Circle.point(2 * Math.PI * j / n));
            for (int k = 0; k < 3; k++) total[k] += 2 * Math.PI / n * Math.exp(l[k]);
        }
        for (int k = 0; k < 3; k++) assertEquals(1, total[k], 1e-13, c.componentNames()[k]);
    }
}
