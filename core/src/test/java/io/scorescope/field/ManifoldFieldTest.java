package io.scorescope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.AffinePlane;
import io.scorescope.data.KSphere;
import io.scorescope.data.Manifold;
import io.scorescope.data.Manifolds;
import io.scorescope.data.Sphere;
import io.scorescope.engine.Linalg;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ManifoldFieldTest {
    private static final double[] SIGMAS = {0.02, 0.2, 2};

    static Stream<String> specs() { return Stream.of("sphere", "circle", "torus", "swiss-roll", "helix", "ksphere:k=3,D=5", "mixed"); }

    /** A point near M: a sample pushed 0.7 sigma along a random direction. */
    private static double[] near(Manifold m, double sigma, int seed) {
        double[] y = m.sample(1, seed).row(0);
        return Vec.axpy(y, 0.7 * sigma, new Rng(seed).unitVector(m.ambientDim()));
    }

    /**
     * Score = gradient of log q_sigma (central differences, step 1e-4 sigma), error < 1e-6 relative to max(|g|, 1/sigma)
     * (inside the mixed union's uniform ball g ~ 0, so its natural scale 1/sigma is the reference there).
     */
    @ParameterizedTest @MethodSource("specs")
    void scoreIsTheGradientOfLogDensity(String spec) {
        ManifoldField f = new ManifoldField(Manifolds.byName(spec));
        double worst = 0;
        for (double sigma : SIGMAS) {
            for (int seed = 1; seed <= 3; seed++) {
                double[] x = near(f.manifold(), sigma, seed);
                double[] g = f.posterior(x, sigma).score(x);
                double[] fd = FiniteDifference.gradient(p -> f.posterior(p, sigma).logDensity(), x, 1e-4 * sigma);
                double err = Vec.dist(g, fd) / Math.max(Vec.norm(g), 1 / sigma);
                worst = Math.max(worst, err);
                assertTrue(err < 1e-6, spec + " sigma=" + sigma + " relative error " + err);
            }
        }
        System.out.printf("%s: score vs FD of log q, worst relative error %.2e%n", spec, worst);
    }

    /**
     * Exact Jacobian (Cov - sigma^2 I)/sigma^4 = central differences of the score: Frobenius error < 1e-6 relative to
     * max(|J|_F, 1/sigma^2) (J's eigenvalues live on the scale 1/sigma^2; J ~ 0 inside the uniform ball).
     */
    @ParameterizedTest @MethodSource("specs")
    void jacobianIsTheDerivativeOfTheScore(String spec) {
        ManifoldField f = new ManifoldField(Manifolds.byName(spec));
        double worst = 0;
        for (double sigma : SIGMAS) {
            for (int seed = 1; seed <= 3; seed++) {
                Mat x = Mat.row(near(f.manifold(), sigma, seed));
                double[] s = {sigma};
                Mat exact = f.jacobian(x, s)[0];
                Mat fd = FiniteDifference.jacobian(f, x, s, 1e-4 * sigma)[0];
                double err = exact.minus(fd).frobenius() / Math.max(exact.frobenius(), 1 / (sigma * sigma));
                worst = Math.max(worst, err);
                assertTrue(err < 1e-6, spec + " sigma=" + sigma + " relative error " + err);
                assertTrue(exact.antisymmetricPart().maxAbs() == 0, "exact Jacobian is symmetric");
            }
        }
        System.out.printf("%s: Jacobian vs FD of score, worst relative error %.2e%n", spec, worst);
    }

    /** At small sigma the sphere's J has one eigenvalue ~ -1/sigma^2 along the normal and two much smaller ones. */
    @Test
    void sphereJacobianSeparatesNormalFromTangent() {
        Sphere sphere = Sphere.vmfMixture();
        ManifoldField f = new ManifoldField(sphere);
        double sigma = 0.02;
        for (int seed = 1; seed <= 5; seed++) {
            double[] y = sphere.sample(1, seed).row(0);
            double[] x = Vec.scale(1 + 0.5 * sigma, y);
            Linalg.Eigh e = Linalg.eigh(f.jacobian(Mat.row(x), new double[] {sigma})[0]);
            double s2 = sigma * sigma;
            assertEquals(-1, e.values()[0] * s2, 0.03, "normal eigenvalue times sigma^2");
            assertTrue(Math.abs(e.values()[1]) * s2 < 0.1 && Math.abs(e.values()[2]) * s2 < 0.1,
                    "tangent eigenvalues times sigma^2: " + e.values()[1] * s2 + ", " + e.values()[2] * s2);
            assertTrue(Math.abs(Vec.dot(e.vectors().col(0), y)) > 0.999, "most negative direction is the normal");
        }
    }

    /** The k-sphere's quadrature field equals the closed form g_D(x) = Q g_3(Q^T x) - (I - Q Q^T) x / sigma^2. */
    @Test
    void ksphereFieldMatchesEmbeddedSphere() {
        KSphere k = (KSphere) Manifolds.byName("ksphere:k=2,D=6,seed=3");
        Mat q = k.frame();
        ManifoldField fd = new ManifoldField(k), f3 = new ManifoldField(k.sphere());
        Rng rng = new Rng(2);
        for (double sigma : new double[] {0.01, 0.1, 1, 3}) {
            double[] y = k.sample(1, 7).row(0);
            double[] x = Vec.axpy(y, sigma, rng.gaussian(6));
            double[] x3 = q.transpose().times(x);
            double[] perp = Vec.sub(x, q.times(x3));
            Posterior p3 = f3.posterior(x3, sigma), pd = fd.posterior(x, sigma);
            double[] g = Vec.axpy(q.times(p3.score(x3)), -1 / (sigma * sigma), perp);
            assertTrue(Vec.dist(g, pd.score(x)) < 1e-9 * Vec.norm(g), "score at sigma " + sigma);
            Mat qqt = Mat.projector(q);
            Mat j = q.times(p3.jacobian()).times(q.transpose()).minus(Mat.identity(6).minus(qqt).scale(1 / (sigma * sigma)));
            assertTrue(j.minus(pd.jacobian()).frobenius() < 1e-9 * j.frobenius(), "Jacobian at sigma " + sigma);
            double logq = p3.logDensity() - Vec.dot(perp, perp) / (2 * sigma * sigma) - 1.5 * Math.log(2 * Math.PI * sigma * sigma);
            assertEquals(logq, pd.logDensity(), 1e-10 * Math.abs(logq));
        }
    }

    /** The affine field against its closed form, including J = -Q Q^T/(1 + sigma^2) - (I - Q Q^T)/sigma^2. */
    @Test
    void affineFieldMatchesClosedForm() {
        AffinePlane a = new AffinePlane(2, 5, 9);
        ManifoldField f = new ManifoldField(a);
        Mat qqt = Mat.projector(a.frame());
        Rng rng = new Rng(1);
        for (double sigma : new double[] {0.02, 2}) {
            Mat x = Mat.row(rng.gaussian(5));
            double[] s = {sigma};
            double s2 = sigma * sigma;
            Mat j = qqt.scale(-1 / (1 + s2)).minus(Mat.identity(5).minus(qqt).scale(1 / s2));
            assertTrue(f.jacobian(x, s)[0].minus(j).frobenius() < 1e-10 * j.frobenius());
            assertTrue(Vec.dist(f.score(x, s).row(0), a.exactScore(x.row(0), sigma)) < 1e-9 / s2);
            assertEquals(a.exactLogDensity(x.row(0), sigma), f.logDensity(x, s)[0], 1e-8);
        }
    }

    @Test
    void batchedCallsAgreeWithThePosteriorAndCheckShapes() {
        ManifoldField f = new ManifoldField(Sphere.vmfMixture());
        Mat x = Mat.of(new double[][] {{0, 0, 1.1}, {0.5, 0.5, 0}});
        double[] s = {0.1, 1};
        Mat g = f.score(x, s);
        for (int i = 0; i < 2; i++) {
            Posterior p = f.posterior(x.row(i), s[i]);
            assertTrue(Vec.dist(g.row(i), p.score(x.row(i))) == 0);
            assertEquals(p.logDensity(), f.logDensity(x, s)[i]);
            assertTrue(p.effectiveSampleSize() > 1);
        }
        assertEquals(3, f.dim());
        assertThrows(IllegalArgumentException.class, () -> f.score(Mat.row(1, 2), new double[] {0.1}));
        assertThrows(IllegalArgumentException.class, () -> f.score(x, new double[] {0.1}));
        assertThrows(IllegalArgumentException.class, () -> f.posterior(x.row(0), 0));
    }
}
