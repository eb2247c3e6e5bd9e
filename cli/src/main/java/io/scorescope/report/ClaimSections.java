package io.scorescope.report;

import io.scorescope.experiment.Claim;
import io.scorescope.experiment.ConstrainedMixing;
import io.scorescope.experiment.LevelStats;
import io.scorescope.experiment.Verdict;
import io.scorescope.experiment.Verdicts;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.AnalysisTable.Row;
import io.scorescope.geometry.AsymmetryBlocks;
import io.scorescope.training.LossRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the claim sections of the manifold and image reports share: a claim's section with its verdict badge, the
 * A6 section, the asymmetry-share and local-dimension series, figures that drop series with nothing drawable, and
 * number formatting.
 */
final class ClaimSections {
    private ClaimSections() {}

    /**
     * Per-level medians of the shares of ||A||_F^2 (tangent, cross and, if asked, normal block) next to their isotropic
     * baselines, in the frame {@code frame} picks (true or learned).
     */
    static List<Series> shareSeries(AnalysisTable t, double[] sigma, java.util.function.Function<Row, AsymmetryBlocks> frame,
                                    boolean withNormal) {
        List<Series> out = new ArrayList<>(List.of(
                LineSeries.solid("tangent share", sigma, LevelStats.median(t, row -> frame.apply(row).tangentShare())),
                LineSeries.dashed("tangent baseline d(d-1)/(D(D-1))", sigma, LevelStats.median(t, row -> frame.apply(row).tangentShareBaseline())),
                LineSeries.solid("cross share", sigma, LevelStats.median(t, row -> frame.apply(row).crossShare())),
                LineSeries.dashed("cross baseline", sigma, LevelStats.median(t, row -> frame.apply(row).crossShareBaseline()))));
        if (withNormal) {
            out.add(LineSeries.solid("normal share", sigma, LevelStats.median(t, row -> frame.apply(row).normalShare())));
            out.add(LineSeries.dashed("normal baseline", sigma, LevelStats.median(t, row -> frame.apply(row).normalShareBaseline())));
        }
        return out;
    }

    /** The A6 section: transport curves of model and control per mixing level, the per-level table, the worst ratios. */
    static Section a6Section(Verdict v, List<ConstrainedMixing> mixing, String title, String transportTitle,
                             String definition, List<String> paragraphs) {
        Figures figs = new Figures();
        List<Series> transport = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (ConstrainedMixing m : mixing) {
            double[] steps = java.util.Arrays.stream(m.checkpoints()).asDoubleStream().toArray();
            String at = "sigma = " + fmt(m.sigma()) + (ConstrainedMixing.CLOSEST_POINT.equals(m.ruler()) ? "" : ", " + m.ruler());
            transport.add(LineSeries.solid("model, " + at, steps, m.transportModel()));
            transport.add(LineSeries.dashed("energy control, " + at, steps, m.transportControl()));
            rows.add(List.of(m.ruler(), cell(m.sigma()), Integer.toString(m.chains()), Integer.toString(m.steps()), cell(m.stepSize()),
                    cell(m.transportModel()[m.transportModel().length - 1]), cell(m.transportControl()[m.transportControl().length - 1]),
                    cell(m.transportRatio()), cell(m.distanceModel()), cell(m.distanceControl()), cell(m.distanceRatio()),
                    cell(m.autocorrModel()), cell(m.autocorrControl())));
        }
        figs.add("a6-transport", transportTitle, Axis.linear("steps t"), Axis.linear("transport"), transport);
        Table table = new Table(List.of("ruler", "sigma", "chains", "steps", "step_size", "transport_model", "transport_control", "transport_ratio",
                "distance_model", "distance_control", "distance_ratio", "autocorr_model", "autocorr_control"), rows);
        List<KeyNumber> numbers = List.of(
                new KeyNumber("worst transport ratio model/control", v.numbers().get("transport_ratio"), "threshold", Verdicts.TRANSPORT_MIN_RATIO),
                new KeyNumber("worst distance ratio model/control", v.numbers().get("distance_ratio"), "threshold", Verdicts.DISTANCE_MAX_RATIO));
        List<String> text = new ArrayList<>(figs.notes);
        text.add("A6 is a 'not worse than the conservative control' test: a model that mixes exactly like the energy-parameterised "
                + "control passes it. It says the learned field mixes at least as well as a conservative one, not that it mixes by rotation.");
        text.addAll(paragraphs);
        return section(title, v, definition, numbers, figs.list, table, text);
    }

    /** Figures whose series have something drawable; the others become a note. */
    static final class Figures {
        final List<Figure> list = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        void add(String id, String title, Axis x, Axis y, List<? extends Series> series) {
            List<Series> kept = series.stream().filter(s -> drawable(s, x, y)).map(s -> (Series) s).toList();
            if (kept.isEmpty()) notes.add("Figure '" + title + "' omitted: no value is defined on this data.");
            else list.add(new PlotFigure(id, title, x, y, kept));
        }

        private static boolean drawable(Series s, Axis x, Axis y) {
            for (int i = 0; i < s.x().length; i++) if (x.accepts(s.x()[i]) && y.accepts(s.y()[i])) return true;
            return false;
        }
    }

    /** The section of a claim: its id is the claim's key, its badge the verdict. */
    static Section section(String title, Verdict v, String definition, List<KeyNumber> numbers, List<Figure> figures, Table table,
                           List<String> text) {
        Claim c = v.claim();
        return new Section(c.key(), title, c.paperClaim(), Badge.of(v), definition, numbers, figures, table, text);
    }

    static LineSeries loss(String name, List<LossRecord> h) {
        return LineSeries.solid(name, h.stream().mapToDouble(LossRecord::step).toArray(), h.stream().mapToDouble(LossRecord::loss).toArray());
    }

    /** 0 overlap, 1 normalised overlap, 2 baseline of the effective density used (population when known). */
    static double effective(Row row, int which) {
        var e = row.point().effectiveDensity();
        if (e == null) return Double.NaN;
        return which == 0 ? e.overlap() : which == 1 ? e.normalised() : e.baseline();
    }

    /** local_dim along each sequence of t, and the band mean +- s.d. across sequences per level. */
    static List<Series> localDimLines(AnalysisTable t, double[] sigma) {
        List<Series> lines = new ArrayList<>();
        for (int seq : t.bySequence().keySet())
            lines.add(LineSeries.solid("sequence " + (seq + 1), LevelStats.sequence(t, seq, Row::sigma),
                    LevelStats.sequence(t, seq, row -> row.point().localDim())));
        double[] mean = LevelStats.mean(t, row -> row.point().localDim()), sd = LevelStats.sd(t, row -> row.point().localDim());
        lines.add(LineSeries.band("mean +- s.d. across sequences", sigma, mean, minus(mean, sd), plus(mean, sd)));
        return lines;
    }

    static double[] plus(double[] a, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) c[i] += b[i];
        return c;
    }

    static double[] minus(double[] a, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) c[i] -= b[i];
        return c;
    }

    static String cell(double v) { return Double.toString(v); }

    static String fmt(double v) { return String.format(Locale.ROOT, "%.3g", v); }

    /** The model's numbers for a claim in its own split and (images) in the training posterior's split, beside the verdict's frame. */
    static List<KeyNumber> frameNumbers(io.scorescope.experiment.Experiment.Claims claims, Claim claim, String... keys) {
        List<KeyNumber> out = new ArrayList<>();
        Verdict own = claims.ownFrame().get(claim), post = claims.posteriorFrame().get(claim);
        for (String k : keys) {
            if (own != null) out.add(new KeyNumber(k.replace('_', ' ') + ", model's own split", own.numbers().get(k),
                    own.evaluated() ? "own-split verdict: " + own.outcome().label() : "not evaluated: " + own.reason(), Double.NaN));
            if (post != null) out.add(new KeyNumber(k.replace('_', ' ') + ", training-posterior split (ESS >= 10)", post.numbers().get(k),
                    post.evaluated() ? "posterior-split verdict: " + post.outcome().label() : "not evaluated: " + post.reason(), Double.NaN));
        }
        return out;
    }
}
