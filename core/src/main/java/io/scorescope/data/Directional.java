package io.scorescope.data;

import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * Von Mises densities on the circle and von Mises–Fisher densities on S^2, with exact samplers.
 * <ul>
 *   <li>circle, w.r.t. arc length: p(theta) = exp(kappa cos(theta - mu)) / (2 pi I0(kappa));</li>
 *   <li>S^2, w.r.t. area: p(y) = kappa / (2 pi (1 - e^{-2 kappa})) exp(kappa (mu.y - 1)).</li>
 * </ul>
 */
public final class Directional {
    private Directional() {}

    public static double logVonMises(double theta, double mu, double kappa) {
        return kappa * Math.cos(theta - mu) - Math.log(2 * Math.PI) - logBesselI0(kappa);
    }

    public static double logVonMisesFisher(double[] y, double[] mu, double kappa) {
        return Math.log(kappa / (2 * Math.PI * -Math.expm1(-2 * kappa))) + kappa * (Vec.dot(mu, y) - 1);
    }

    /** log I0(kappa) by its power series sum_m (kappa/2)^{2m} / (m!)^2 (fine for kappa <= 100). */
    static double logBesselI0(double kappa) {
        double q = kappa * kappa / 4, term = 1, sum = 1;
        for (int m = 1; m < 500; m++) {
            term *= q / ((double) m * m);
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        return Math.log(sum);
    }

    /** A von Mises angle by rejection from the uniform (acceptance exp(kappa (cos - 1))). */
    public static double sampleVonMises(Rng rng, double mu, double kappa) {
        while (true) {
            double t = rng.uniform(-Math.PI, Math.PI);
            if (rng.uniform() < Math.exp(kappa * (Math.cos(t) - 1))) return mu + t;
        }
    }

    /** A vMF point on S^2 (exact inversion of the law of w = mu.y, direction uniform around mu). */
    public static double[] sampleVonMisesFisher(Rng rng, double[] mu, double kappa) {
        double u = rng.uniform();
        double w = 1 + Math.log(u + (1 - u) * Math.exp(-2 * kappa)) / kappa;
        double phi = rng.uniform(0, 2 * Math.PI);
        double s = Math.sqrt(Math.max(0, 1 - w * w));
        double[][] ab = Sphere.tangentPair(mu);
        double[] y = Vec.scale(w, mu);
        y = Vec.axpy(y, s * Math.cos(phi), ab[0]);
        return Vec.axpy(y, s * Math.sin(phi), ab[1]);
    }

    /** A uniform point on the unit sphere S^{n-1} in R^n. */
    public static double[] sampleUniformSphere(Rng rng, int n) { return rng.unitVector(n); }
}
