package io.scorescope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.field.Posterior;
import io.scorescope.math.Mat;
import io.scorescope.math.Vec;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class QuadratureTest {
    private static final double[] SIGMAS = {0.01, 0.1, 1, 3};

    private static Posterior post(Quadrature q, double[] x, double sigma) {
        return Posterior.at(x, sigma, q.nodes(), q.logWeights());
    }

    /** Off-manifold test points: on M displaced by ~0.3 sigma-ish offsets and a far one. */
    private static double[][] points(Manifold m, double sigma) {
        Mat s = m.sample(3, 11);
        double[][] pts = new double[4][];
        for (int i = 0; i < 3; i++) {
            double[] y = s.row(i);
            double[] dir = new io.scorescope.math.Rng(i).unitVector(y.length);
            pts[i] = Vec.axpy(y, (i + 0.5) * sigma, dir);
        }
        pts[3] = Vec.scale(1.7, s.row(0));
        return pts;
    }

    /** Doubling the node count changes log q by < 1e-8 and the posterior mean by < 1e-8 * sigma. */
    private static void converges(Manifold m, BiFunction<double[], Double, Quadrature[]> rules) {
        double worstL = 0, worstM = 0;
        for (double sigma : SIGMAS) {
            for (double[] x : points(m, sigma)) {
                Quadrature[] q = rules.apply(x, sigma);
                Posterior a = post(q[0], x, sigma), b = post(q[1], x, sigma);
                double dl = Math.abs(a.logDensity() - b.logDensity());
                double dm = Vec.dist(a.mean(), b.mean()) / sigma;
                assertTrue(dl < 1e-8 && dm < 1e-8, m.name() + " sigma=" + sigma + " dlogq=" + dl + " dmean/sigma=" + dm);
                worstL = Math.max(worstL, dl);
                worstM = Math.max(worstM, dm);
            }
        }
        System.out.printf("%s: doubling nodes changes log q by <= %.2e, mean/sigma by <= %.2e%n", m.describe(), worstL, worstM);
    }

    @Test void sphereConverges() {
        Sphere s = Sphere.vmfMixture();
        converges(s, (x, sg) -> new Quadrature[] {s.quadrature(x, sg), s.quadrature(x, sg, 128, 128)});
    }

    @Test void circleConverges() {
        Circle c = Circle.vonMisesMixture();
        converges(c, (x, sg) -> new Quadrature[] {c.quadrature(x, sg), c.quadrature(x, sg, 128)});
    }

    @Test void ksphereUniformConverges() {
        for (int k : new int[] {1, 3, 4}) {
            KSphere s = new KSphere(k, k + 3, 5, true);
            converges(s, (x, sg) -> new Quadrature[] {s.quadrature(x, sg), s.quadrature(x, sg, 128)});
        }
    }

    private static void chartConverges(Manifold m, Chart c) {
        converges(m, (x, sg) -> new Quadrature[] {m.quadrature(x, sg),
            ChartQuadrature.rule(c, x, sg, m.distance(x), 2 * ChartQuadrature.NODES, 0)});
    }

    /**
     * Pruning check independent of the cut-off constant: the default rule agrees with one whose reach is widened from
     * sqrt(delta^2 + 2 sigma^2 T) to at least sqrt(delta^2 + 400 sigma^2 + 2 sigma^2 T), with doubled nodes.
     */
    @Test void chartPruningLosesNoMass() {
        Manifold[] ms = {new Torus(false), new Helix(), new SwissRoll()};
        for (Manifold m : ms) {
            converges(m, (x, sg) -> new Quadrature[] {m.quadrature(x, sg),
                ChartQuadrature.rule((Chart) m, x, sg, m.distance(x) + 20 * sg, 2 * ChartQuadrature.NODES, 0)});
        }
    }

    /** Uniform S^2 in closed form: q_sigma(x) = (2 pi sigma^2)^{-3/2} e^{-(|x|-1)^2/(2 sigma^2)} sigma^2 (1 - e^{-2|x|/sigma^2}) / (2|x|). */
    @Test void uniformSphereMatchesClosedForm() {
        Sphere s = Sphere.uniform();
        io.scorescope.math.Rng rng = new io.scorescope.math.Rng(8);
        for (double sigma : new double[] {0.01, 0.03, 0.1, 0.5, 1, 3, 5}) {
            for (double r : new double[] {0.2, Math.max(0.1, 1 - sigma), 1, 1 + 2 * sigma, 2.5}) {
                double[] x = Vec.scale(r, rng.unitVector(3));
                double s2 = sigma * sigma;
                double exact = -1.5 * Math.log(2 * Math.PI * s2) - (r - 1) * (r - 1) / (2 * s2)
                        + Math.log(s2 / (2 * r)) + Math.log(-Math.expm1(-2 * r / s2));
                assertEquals(exact, post(s.quadrature(x, sigma), x, sigma).logDensity(), 1e-10 * Math.max(1, Math.abs(exact)),
                        "sigma " + sigma + " |x| " + r);
            }
        }
    }

    @Test void torusConverges() { Torus t = new Torus(false); chartConverges(t, t); }

    @Test void helixConverges() { Helix h = new Helix(); chartConverges(h, h); }

    @Test void swissRollConverges() { SwissRoll s = new SwissRoll(); chartConverges(s, s); }

    @Test void mixedConverges() {
        MixedUnion m = new MixedUnion();
        converges(m, (x, sg) -> new Quadrature[] {m.quadrature(x, sg), m.quadrature(x, sg, 2 * ChartQuadrature.NODES)});
    }

    /** At large sigma the window is the whole manifold, so the weights integrate the normalised density to 1. */
    @Test void fullWindowWeightsSumToOne() {
        Manifold[] ms = {Sphere.vmfMixture(), Circle.vonMisesMixture(), new Torus(false), new Helix(), new SwissRoll(),
            new MixedUnion(), new KSphere(3, 6, 2, true), new KSphere(2, 5, 2, false)};
        for (Manifold m : ms) {
            Quadrature q = m.quadrature(new double[m.ambientDim()], 5);
            double sum = 0;
            for (double l : q.logWeights()) sum += Math.exp(l);
            assertEquals(1, sum, 1e-10, m.name());
        }
    }

    /** Against a brute-force global (theta, phi) product grid, which is accurate at large sigma. */
    @Test void sphereMatchesGlobalGridAtLargeSigma() {
        Sphere s = Sphere.vmfMixture();
        int nt = 200, np = 200;
        GaussLegendre.Rule gl = GaussLegendre.on(0, Math.PI, nt);
        Mat nodes = new Mat(nt * np, 3);
        double[] logW = new double[nt * np];
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < np; j++) {
                double th = gl.nodes()[i], ph = 2 * Math.PI * j / np;
                double[] y = {Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph), Math.cos(th)};
                nodes.setRow(i * np + j, y);
                logW[i * np + j] = Math.log(gl.weights()[i] * Math.sin(th) * 2 * Math.PI / np) + s.logDensity(y);
            }
        }
        for (double sigma : new double[] {0.5, 1, 3}) {
            double[] x = {0.3, -0.5, 0.9};
            Posterior a = post(s.quadrature(x, sigma), x, sigma), b = Posterior.at(x, sigma, nodes, logW);
            assertEquals(b.logDensity(), a.logDensity(), 1e-10, "sigma " + sigma);
            assertTrue(a.cov().minus(b.cov()).maxAbs() < 1e-10);
        }
    }

    /** The affine rule reproduces the closed-form log q_sigma and score. */
    @Test void affineMatchesClosedForm() {
        AffinePlane a = new AffinePlane(3, 7, 4);
        io.scorescope.math.Rng rng = new io.scorescope.math.Rng(3);
        for (double sigma : new double[] {0.01, 0.3, 5}) {
            double[] x = rng.gaussian(7);
            Posterior p = post(a.quadrature(x, sigma), x, sigma);
            assertEquals(a.exactLogDensity(x, sigma), p.logDensity(), 1e-9 * Math.abs(a.exactLogDensity(x, sigma)));
            double[] g = a.exactScore(x, sigma);
            assertTrue(Vec.dist(g, p.score(x)) < 1e-9 * Vec.norm(g), "sigma " + sigma);
            // Cov = s^2 Q Q^T with s^2 = sigma^2/(1 + sigma^2)
            Mat q = a.frame();
            Mat cov = q.times(q.transpose()).scale(sigma * sigma / (1 + sigma * sigma));
            assertTrue(p.cov().minus(cov).maxAbs() < 1e-12);
        }
    }

    @Test void gaussLegendreIsExactForDegree2nMinus1() {
        for (int n : new int[] {1, 2, 5, 16, 64}) {
            GaussLegendre.Rule r = GaussLegendre.on(-0.5, 2, n);
            int deg = 2 * n - 1;
            double s = 0;
            for (int i = 0; i < n; i++) s += r.weights()[i] * Math.pow(r.nodes()[i], deg);
            double exact = (Math.pow(2, deg + 1) - Math.pow(-0.5, deg + 1)) / (deg + 1);
            assertEquals(exact, s, 1e-12 * Math.max(1, Math.abs(exact)), "n=" + n);
        }
    }

    @Test void sphereQuadratureIsFast() {
        Sphere s = Sphere.vmfMixture();
        double[] x = {0.2, 0.4, 0.9};
        for (int i = 0; i < 200; i++) post(s.quadrature(x, 0.1), x, 0.1); // warm-up
        long t0 = System.nanoTime();
        int reps = 500;
        for (int i = 0; i < reps; i++) post(s.quadrature(x, 0.1), x, 0.1);
        double ms = (System.nanoTime() - t0) / 1e6 / reps;
        System.out.println("sphere posterior per point: " + ms + " ms");
        // ~1 ms on an idle core; the bound only catches blow-ups, the machine is shared
        assertTrue(ms < 20, "sphere posterior took " + ms + " ms per point");
    }
}
