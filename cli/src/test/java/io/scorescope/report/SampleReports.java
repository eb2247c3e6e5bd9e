package io.scorescope.report;

import io.scorescope.io.Json;
import java.util.ArrayList;
import java.util.List;

/** Report fixtures covering every figure type, verdict state and a hostile string in every text slot. */
final class SampleReports {
    /** Would run (and throw) if any text leaked into the page unescaped. */
    static final String HOSTILE = "</script><script>throw new Error(\"pwned\")</script><!-- 'q' \"dq\" & <b>";

    private SampleReports() {}

    static Report full() { return full("Scorescope sample report"); }

    static Report full(String title) {
        var prov = Json.object().put("git", "abc123").put("seed", 7).put("note", HOSTILE);
        return new Report(title, "subtitle " + HOSTILE, prov, List.of(dimension(), conservative(), features(), figureOne()));
    }

    static Section dimension() {
        double[] sigma = geom(0.01, 2, 24);
        double[] dim = map(sigma, s -> 2 / (1 + Math.pow(s / 0.3, 2)));
        double[] exact = map(sigma, s -> 2 / (1 + Math.pow(s / 0.25, 2)));
        var plot = new PlotFigure("dim-vs-sigma", "Local dimension along sequences " + HOSTILE, Axis.log("sigma"), Axis.linear("local dim"),
                List.of(LineSeries.band("model " + HOSTILE, sigma, dim, map(dim, d -> d - 0.2), map(dim, d -> d + 0.2)),
                        LineSeries.dashed("exact field", sigma, exact),
                        new ScatterSeries("per-sequence", sigma, map(dim, d -> d + 0.1))));
        var table = new Table(List.of("sigma", "dim", "note"), List.of(List.of("0.01", "2", "a, \"quoted\" cell"), List.of("2", "0", HOSTILE)));
        return new Section("a2-dimension", "Dimension rises as noise falls", "A2",
                Badge.holds("median Spearman(sigma, dim) <= -0.7"), "dim = #{i : 1 - sigma^2 s_i > 1/2} " + HOSTILE,
                List.of(new KeyNumber("median Spearman", -0.91, "exact field", -0.95), KeyNumber.of("sequences", 64)),
                List.of(plot), table, List.of("A paragraph " + HOSTILE));
    }

    static Section conservative() {
        double[] sigma = geom(0.01, 2, 16);
        var plot = new PlotFigure("asym", "Asymmetry by block", Axis.log("sigma"), Axis.log("r"),
                List.of(LineSeries.solid("r_TT", sigma, map(sigma, s -> 0.01 + 0.05 * s)),
                        LineSeries.dashed("energy control", sigma, map(sigma, s -> 1e-7 * (1 + s))),
                        LineSeries.solid("has a non-positive point", new double[] {0.1, 1}, new double[] {0, 0.2})));
        return new Section("a3-asym", "Non-conservative within the manifold", "A3",
                Badge.fails("median r_TT >= 0.05 and tangent share >= baseline"), "r_TT = ||A_TT||_F / ||P_T J P_T||_F",
                List.of(new KeyNumber("tangent share", 0.21, "random baseline", 1 / 3.0), new KeyNumber("NAsym", Double.NaN, "", Double.NaN)),
                List.of(plot), null, List.of());
    }

    static Section features() {
        List<GrayImage> images = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            final int kk = k;
            double[] v = new double[28 * 28];
            for (int i = 0; i < v.length; i++) v[i] = Math.sin((i % 28) * 0.2 * (kk + 1)) * Math.cos((i / 28) * 0.15 * (kk + 1));
            images.add(new GrayImage("feature " + (k + 1), 28, 28, v, k % 2 == 0 ? GrayImage.Palette.GRAY : GrayImage.Palette.DIVERGING));
        }
        return new Section("a5-features", "Features overlap the effective density", "A5",
                Badge.notEvaluated("median normalised overlap >= 0.5"), "", List.of(),
                List.of(new ImageGridFigure("features-grid", "Leading singular vectors", 3, images)), null, List.of());
    }

    static Section figureOne() {
        int n = 600, m = 60;
        double[][] pts = new double[n][];
        double[] density = new double[n];
        for (int i = 0; i < n; i++) {
            pts[i] = fibonacci(i, n, 1);
            density[i] = Math.exp(4 * pts[i][2]) + Math.exp(4 * pts[i][0]);
        }
        double[][] bases = new double[m][], vecs = new double[m][];
        for (int i = 0; i < m; i++) {
            double r = i % 3 == 0 ? 1.35 : 1;
            bases[i] = fibonacci(i, m, r);
            double[] b = bases[i];
            vecs[i] = new double[] {-b[1] + (1 - r) * b[0] * 3, b[0] + (1 - r) * b[1] * 3, (1 - r) * b[2] * 3};
        }
        var fig = new ManifoldFigure("figure1", "Density q0 and learned field g", pts, density, bases, vecs, ManifoldFigure.TWO_VIEWS, "q0");
        return new Section("fig1", "Figure 1 analogue", "", Badge.notEvaluated("illustration only"), "", List.of(), List.of(fig), null, List.of());
    }

    static double[] fibonacci(int i, int n, double r) {
        double z = 1 - 2 * (i + 0.5) / n, rho = Math.sqrt(1 - z * z), phi = i * Math.PI * (3 - Math.sqrt(5));
        return new double[] {r * rho * Math.cos(phi), r * rho * Math.sin(phi), r * z};
    }

    static double[] geom(double lo, double hi, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
        return a;
    }

    static double[] map(double[] a, java.util.function.DoubleUnaryOperator f) {
        return java.util.Arrays.stream(a).map(f).toArray();
    }
}
