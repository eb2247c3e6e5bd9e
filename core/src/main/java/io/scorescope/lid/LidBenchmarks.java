package io.scorescope.lid;

import io.scorescope.data.KSphere;
import io.scorescope.data.Manifold;
import io.scorescope.data.Manifolds;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Known-dimension benchmark data, generated deterministically from a seed: the Hein–Audibert (2005) / Campadelli
 * et al. (2015) suite (as implemented in scikit-dimension's {@code BenchmarkManifolds}, read for reference; the
 * formulas below are the documented manifolds), k-spheres randomly embedded in R^100, and the mixed-dimension union
 * {@code mixed} (segment + disc + ball, per-point truth). Parameters u are i.i.d. uniform on [0, 1).
 * <ul>
 *   <li>m1-sphere: the 10-sphere in R^11, uniform (normalised Gaussians).</li>
 *   <li>m2-affine: p in [0,4]^3, x = A p + b with the suite's fixed 5 x 3 matrix A and offset b (3 in R^5).</li>
 *   <li>m3-nonlinear: p in [0,1]^4, x = (p1^2 cos 2pi p0, p2^2 sin 2pi p0, p1 + p2 + (p1 - p3)^2, p1 - 2p2 + (p0 - p3)^2,
 *       -p1 - 2p2 + (p2 - p3)^2, p0^2 - p1^2 + p2^2 - p3^2) (4 in R^6).</li>
 *   <li>m4-nonlinear (4 in R^8) and m6-nonlinear (6 in R^36): p in [0,1]^d, block (p_{j+1} cos 2pi p_j, p_{j+1} sin 2pi p_j)
 *       for j = 0..d-1 (index mod d), repeated D/(2d) times. Quirk: for m6 the three copies make the data lie in a
 *       12-dimensional linear subspace of R^36.</li>
 *   <li>m5a-helix: t in [0, 2pi), x = ((2 + cos 8t) cos t, (2 + cos 8t) sin t, sin 8t) (1 in R^3; the suite adds 2pi/n
 *       to t, irrelevant for a closed curve).</li>
 *   <li>m5b-helix2: r, p in [0, 10pi], x = (r cos p, r sin p, p/2), a helicoid (2 in R^3).</li>
 *   <li>m7-roll: t = 1.5 pi (1 + 2u), h = 21u, x = (t cos t, h, t sin t) (2 in R^3; uniform in t, not in area).</li>
 *   <li>m9-affine: the cube [-2.5, 2.5]^20 in R^20 (full dimension).</li>
 *   <li>m10a-cube: the boundary of the unit cube in R^11, a 10-manifold, uniform over its 22 faces. Quirk: the suite
 *       fills the faces in order and truncates to n rows, so its last face is short; we draw the face uniformly.</li>
 *   <li>m11-moebius: phi in [0, 2pi), r in [-1, 1], x = ((1 + r/2 cos 5phi) cos phi, (1 + r/2 cos 5phi) sin phi, r/2 sin 5phi).
 *       Quirk: described as "10-times twisted", the formula makes 10 half-twists, so the band is orientable.</li>
 *   <li>m12-gauss: N(0, I_20) in R^20 (full dimension, no manifold structure).</li>
 *   <li>m13a-scurve: t = 3 pi (u - 1/2), h = 2u, x = (sin t, h, sign(t)(cos t - 1)) (2 in R^3).</li>
 *   <li>ksphere10-r100, ksphere50-r100: uniform k-spheres isometrically embedded by a random frame (seed 1) in R^100.</li>
 *   <li>mixed: {@link io.scorescope.data.MixedUnion}, truth = dimension of the nearest piece (1, 2 or 3).</li>
 * </ul>
 * Every data set is {@link #standardise standardised} (centred, one global scale), which preserves dimension.
 */
public final class LidBenchmarks {
    /**
     * One benchmark data set.
     *
     * @param name        CLI name
     * @param description what it is, with the true dimension and the ambient dimension
     * @param points      n x D, standardised
     * @param truth       true local dimension per row
     * @param scale       the factor the raw data were divided by
     */
    public record Benchmark(String name, String description, Mat points, int[] truth, double scale) {
        public int dim() { return points.cols(); }
        public boolean mixed() { return java.util.Arrays.stream(truth).distinct().count() > 1; }
        public double meanTruth() { return java.util.Arrays.stream(truth).average().orElse(Double.NaN); }
    }

    private interface Generator { double[] point(Rng r); }

    private record Entry(String description, int d, int dim, Generator gen) {}

    private static final double[][] M2_A = {{1.2, -0.5, 0}, {0.5, 0.9, 0}, {-0.5, -0.2, 1}, {0.4, -0.9, -0.1}, {1.1, -0.3, 0}};
    private static final double[] M2_B = {3, -1, 0, 0, 8};
    private static final Map<String, Entry> SUITE = new LinkedHashMap<>();

    static {
        SUITE.put("m1-sphere", new Entry("10-sphere in R^11", 10, 11, r -> r.unitVector(11)));
        SUITE.put("m2-affine", new Entry("affine 3-space in R^5", 3, 5, r -> {
            double[] p = {4 * r.uniform(), 4 * r.uniform(), 4 * r.uniform()}, x = M2_B.clone();
            for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) x[i] += M2_A[i][j] * p[j];
            return x;
        }));
        SUITE.put("m3-nonlinear", new Entry("nonlinear 4-manifold in R^6", 4, 6, r -> {
            double p0 = r.uniform(), p1 = r.uniform(), p2 = r.uniform(), p3 = r.uniform(), w = 2 * Math.PI * p0;
            return new double[] {p1 * p1 * Math.cos(w), p2 * p2 * Math.sin(w), p1 + p2 + sq(p1 - p3), p1 - 2 * p2 + sq(p0 - p3),
                    -p1 - 2 * p2 + sq(p2 - p3), p0 * p0 - p1 * p1 + p2 * p2 - p3 * p3};
        }));
        SUITE.put("m4-nonlinear", new Entry("nonlinear 4-manifold in R^8", 4, 8, r -> nonlinear(r, 4, 8)));
        SUITE.put("m5a-helix", new Entry("helix curve (1 in R^3)", 1, 3, r -> {
            double t = 2 * Math.PI * r.uniform(), a = 2 + Math.cos(8 * t);
            return new double[] {a * Math.cos(t), a * Math.sin(t), Math.sin(8 * t)};
        }));
        SUITE.put("m5b-helix2", new Entry("helicoid (2 in R^3)", 2, 3, r -> {
            double rad = 10 * Math.PI * r.uniform(), p = 10 * Math.PI * r.uniform();
            return new double[] {rad * Math.cos(p), rad * Math.sin(p), 0.5 * p};
        }));
        SUITE.put("m6-nonlinear", new Entry("nonlinear 6-manifold in R^36", 6, 36, r -> nonlinear(r, 6, 36)));
        SUITE.put("m7-roll", new Entry("Swiss roll (2 in R^3)", 2, 3, r -> {
            double t = 1.5 * Math.PI * (1 + 2 * r.uniform()), h = 21 * r.uniform();
            return new double[] {t * Math.cos(t), h, t * Math.sin(t)};
        }));
        SUITE.put("m9-affine", new Entry("cube [-2.5,2.5]^20 (20 in R^20)", 20, 20, r -> {
            double[] x = new double[20];
            for (int i = 0; i < 20; i++) x[i] = 5 * r.uniform() - 2.5;
            return x;
        }));
        SUITE.put("m10a-cube", new Entry("boundary of the 11-cube (10 in R^11)", 10, 11, r -> {
            double[] x = new double[11];
            for (int i = 0; i < 11; i++) x[i] = r.uniform();
            int face = r.nextInt(22);
            x[face / 2] = face % 2;
            return x;
        }));
        SUITE.put("m11-moebius", new Entry("Moebius band, 10 half-twists (2 in R^3)", 2, 3, r -> {
            double phi = 2 * Math.PI * r.uniform(), rad = 2 * r.uniform() - 1, a = 1 + 0.5 * rad * Math.cos(5 * phi);
            return new double[] {a * Math.cos(phi), a * Math.sin(phi), 0.5 * rad * Math.sin(5 * phi)};
        }));
        SUITE.put("m12-gauss", new Entry("isotropic Gaussian (20 in R^20)", 20, 20, r -> r.gaussian(20)));
        SUITE.put("m13a-scurve", new Entry("S-curve (2 in R^3)", 2, 3, r -> {
            double t = 3 * Math.PI * (r.uniform() - 0.5), h = 2 * r.uniform();
            return new double[] {Math.sin(t), h, Math.signum(t) * (Math.cos(t) - 1)};
        }));
    }

    /** All names, in table order. */
    public static final List<String> NAMES;
    /** The representative subset of {@code lid-bench --quick}: low and high codimension, curved and flat, mixed. */
    public static final List<String> QUICK = List.of("m2-affine", "m5a-helix", "m7-roll", "m1-sphere", "ksphere10-r100", "mixed");

    static {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(SUITE.keySet());
        all.addAll(List.of("ksphere10-r100", "ksphere50-r100", "mixed"));
        NAMES = List.copyOf(all);
    }

    private LidBenchmarks() {}

    /** n standardised points of the named data set, reproducible from the seed. */
    public static Benchmark generate(String name, int n, long seed) {
        if (n < 3) throw new InputException("benchmark needs n >= 3 points, got " + n);
        Entry e = SUITE.get(name);
        if (e != null) {
            Rng r = new Rng(seed);
            Mat x = new Mat(n, e.dim());
            for (int i = 0; i < n; i++) x.setRow(i, e.gen().point(r));
            int[] truth = new int[n];
            java.util.Arrays.fill(truth, e.d());
            return standardised(name, e.description() + ", d=" + e.d() + ", D=" + e.dim(), x, truth);
        }
        Manifold m = switch (name) {
            case "ksphere10-r100" -> new KSphere(10, 100, 1, true);
            case "ksphere50-r100" -> new KSphere(50, 100, 1, true);
            case "mixed" -> Manifolds.byName("mixed");
            default -> throw new InputException("unknown benchmark '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
        Mat x = m.sample(n, seed);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) truth[i] = m.intrinsicDimAt(x.row(i));
        return standardised(name, m.describe(), x, truth);
    }

    public static boolean isBenchmark(String name) { return Set.copyOf(NAMES).contains(name); }

    private static Benchmark standardised(String name, String description, Mat x, int[] truth) {
        double s = rmsScale(x);
        return new Benchmark(name, description, standardise(x, s), truth, s);
    }

    /** s = sqrt((1/D) sum_j Var(x_j)) (population variances); 1 for constant data. */
    public static double rmsScale(Mat x) {
        double[] mean = columnMeans(x);
        double total = 0;
        for (int i = 0; i < x.rows(); i++) for (int j = 0; j < x.cols(); j++) total += sq(x.get(i, j) - mean[j]);
        double s = Math.sqrt(total / ((double) x.rows() * x.cols()));
        return s > 0 ? s : 1;
    }

    /** (x - column means) / s: centring and one global scale, so every estimator sees the same geometry up to similarity. */
    public static Mat standardise(Mat x, double s) {
        double[] mean = columnMeans(x);
        Mat out = new Mat(x.rows(), x.cols());
        for (int i = 0; i < x.rows(); i++) for (int j = 0; j < x.cols(); j++) out.set(i, j, (x.get(i, j) - mean[j]) / s);
        return out;
    }

    private static double[] columnMeans(Mat x) {
        double[] m = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) for (int j = 0; j < x.cols(); j++) m[j] += x.get(i, j) / x.rows();
        return m;
    }

    private static double[] nonlinear(Rng r, int d, int dim) {
        double[] p = new double[d];
        for (int j = 0; j < d; j++) p[j] = r.uniform();
        double[] x = new double[dim];
        for (int c = 0; c < dim / (2 * d); c++)
            for (int j = 0; j < d; j++) {
                double w = 2 * Math.PI * p[j], a = p[(j + 1) % d];
                x[c * 2 * d + 2 * j] = a * Math.cos(w);
                x[c * 2 * d + 2 * j + 1] = a * Math.sin(w);
            }
        return x;
    }

    private static double sq(double v) { return v * v; }
}
