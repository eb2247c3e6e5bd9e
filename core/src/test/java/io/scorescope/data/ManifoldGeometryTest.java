package io.scorescope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifoldGeometryTest {
    static final List<String> SPECS = List.of("circle", "sphere", "torus", "swiss-roll", "helix", "ksphere",
            "ksphere:k=3,D=6", "ksphere:k=1,D=3", "affine", "affine:k=2,D=4", "mixed");

    static Stream<String> specs() { return SPECS.stream(); }

    private static void assertOrthonormal(Mat q, String what) {
        Mat g = q.transpose().times(q);
        assertTrue(g.minus(Mat.identity(q.cols())).maxAbs() < 1e-12, what + " not orthonormal");
    }

    @ParameterizedTest @MethodSource("specs")
    void basesAreOrthonormalAndComplementary(String spec) {
        Manifold m = Manifolds.byName(spec);
        Rng rng = new Rng(4);
        Mat s = m.sample(20, 9);
        for (int i = 0; i < s.rows(); i++) {
            double[] x = Vec.axpy(s.row(i), 0.2, rng.gaussian(m.ambientDim()));
            Mat t = m.tangentBasis(x), n = m.normalBasis(x);
            assertOrthonormal(t, spec + " tangent");
            assertOrthonormal(n, spec + " normal");
            assertEquals(m.ambientDim(), t.cols() + n.cols());
            assertEquals(m.intrinsicDimAt(x), t.cols());
            assertTrue(t.transpose().times(n).maxAbs() < 1e-12, spec + " tangent not orthogonal to normal");
        }
    }

    /** The differential of the closest-point map at an interior point of M is the orthogonal projector onto T. */
    @ParameterizedTest @MethodSource("specs")
    void tangentIsTheDerivativeOfTheProjection(String spec) {
        Manifold m = Manifolds.byName(spec);
        Rng rng = new Rng(5);
        Mat s = m.sample(10, 3);
        double h = 1e-6;
        for (int i = 0; i < s.rows(); i++) {
            double[] p = s.row(i), v = rng.unitVector(m.ambientDim());
            double[] dp = Vec.scale(1 / (2 * h), Vec.sub(m.project(Vec.axpy(p, h, v)), m.project(Vec.axpy(p, -h, v))));
            Mat t = m.tangentBasis(p);
            double[] pv = t.times(t.transpose().times(v));
            assertTrue(Vec.dist(dp, pv) < 1e-6, spec + ": d project . v = " + java.util.Arrays.toString(dp) + " vs P_T v");
        }
    }

    /** For charts, the tangent basis spans the columns of df/dt (central differences of the parametrisation). */
    @ParameterizedTest @MethodSource("charts")
    void tangentSpansTheParametrisationDerivative(Chart c) {
        Manifold m = (Manifold) c;
        Rng rng = new Rng(6);
        double h = 1e-6;
        for (int rep = 0; rep < 10; rep++) {
            double[] t = new double[c.paramDim()];
            for (int i = 0; i < t.length; i++) t[i] = rng.uniform(c.lower()[i] + 0.01, c.upper()[i] - 0.01);
            double[] y = c.embed(t);
            Mat basis = m.tangentBasis(y);
            assertEquals(c.paramDim(), basis.cols());
            for (int i = 0; i < t.length; i++) {
                double[] tp = t.clone(), tm = t.clone();
                tp[i] += h;
                tm[i] -= h;
                double[] d = Vec.scale(1 / (2 * h), Vec.sub(c.embed(tp), c.embed(tm)));
                double[] inSpan = basis.times(basis.transpose().times(d));
                assertTrue(Vec.dist(d, inSpan) < 1e-7 * Vec.norm(d), m.name() + " df/dt_" + i + " leaves the tangent space");
                assertTrue(Vec.norm(d) <= c.lipschitz()[i] * (1 + 1e-9), m.name() + " Lipschitz bound violated");
            }
        }
    }

    static Stream<Chart> charts() { return Stream.of(new Torus(false), new Helix(), new SwissRoll()); }

    /** Projection: on M (distance 0), idempotent, and no farther than any of many sample points (global). */
    @ParameterizedTest @MethodSource("specs")
    void projectionIsGlobalAndIdempotent(String spec) {
        Manifold m = Manifolds.byName(spec);
        Mat cloud = m.sample(3000, 1);
        Rng rng = new Rng(7);
        for (int i = 0; i < 30; i++) {
            double[] x = Vec.scale(1.3, rng.gaussian(m.ambientDim()));
            double[] p = m.project(x);
            assertTrue(Vec.dist(m.project(p), p) < 1e-12, spec + " projection not idempotent");
            assertTrue(m.distance(p) < 1e-12);
            double nearestSample = Double.POSITIVE_INFINITY;
            for (int j = 0; j < cloud.rows(); j++) nearestSample = Math.min(nearestSample, Vec.dist(x, cloud.row(j)));
            assertTrue(m.distance(x) <= nearestSample + 1e-12, spec + ": a sample is closer than the projection");
        }
    }

    @Property(tries = 200)
    void projectionOfAnyPointIsAFixedPoint(@ForAll("specNames") String spec, @ForAll long seed) {
        Manifold m = Manifolds.byName(spec);
        double[] x = Vec.scale(2, new Rng(seed).gaussian(m.ambientDim()));
        double[] p = m.project(x);
        assertTrue(Vec.dist(m.project(p), p) < 1e-11);
        assertTrue(m.distance(x) <= Vec.norm(Vec.sub(x, m.sample(1, seed).row(0))) + 1e-12);
    }

    @Provide Arbitrary<String> specNames() { return Arbitraries.of(SPECS); }

    @ParameterizedTest @MethodSource("specs")
    void samplesLieOnTheManifoldAndAreReproducible(String spec) {
        Manifold m = Manifolds.byName(spec);
        Mat a = m.sample(500, 42), b = m.sample(500, 42);
        assertEquals(a, b);
        assertNotEquals(a, m.sample(500, 43));
        assertEquals(m.ambientDim(), a.cols());
        for (int i = 0; i < a.rows(); i++) assertTrue(m.distance(a.row(i)) < 1e-12, spec + " sample off M");
    }

    /**
     * The sampler and the quadrature describe the same density: sample moments E[y], E[y y^T] (n = 20000) agree with
     * the quadrature integrals (full window at sigma = 5, weights summing to 1) within 0.03 (about 4 standard errors).
     * The affine rule is exact only for the Gaussian posterior, so there the reference is the exact E[y] = 0, E[y y^T] = Q Q^T.
     */
    @ParameterizedTest @MethodSource("specs")
    void samplerMatchesQuadratureDensity(String spec) {
        Manifold m = Manifolds.byName(spec);
        int dim = m.ambientDim(), n = 20000;
        Mat s = m.sample(n, 5);
        Quadrature q = m.quadrature(new double[dim], 5);
        double[] w = new double[q.logWeights().length];
        for (int i = 0; i < w.length; i++) w[i] = Math.exp(q.logWeights()[i]);
        for (int a = 0; a < dim; a++) {
            for (int b = a; b <= dim; b++) { // b == dim: first moment
                double es = 0, eq = 0;
                for (int i = 0; i < n; i++) es += s.get(i, a) * (b == dim ? 1 : s.get(i, b));
                for (int i = 0; i < w.length; i++) eq += w[i] * q.nodes().get(i, a) * (b == dim ? 1 : q.nodes().get(i, b));
                if (m instanceof AffinePlane p) eq = b == dim ? 0 : Mat.projector(p.frame()).get(a, b);
                assertEquals(eq, es / n, 0.03, spec + " moment (" + a + "," + b + ")");
            }
        }
    }
}
