package io.scorescope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.Manifold;
import io.scorescope.data.TrainingData;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.ScoreField;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.Definitions;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.geometry.PointAnalyzer;
import io.scorescope.geometry.SequenceAnalysis;
import io.scorescope.geometry.Verdict;
import io.scorescope.geometry.Verdicts;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.math.Mat;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SequenceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scorescope analyze}: the geometry of a score field (spec sections 1-8), either along recorded sample
 * sequences of a trained model, or at one point of any field.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Score-Jacobian geometry: local features, local dimension, conservativeness by subspace, "
                + "normal projection, effective-density overlap.",
                "Along sequences: analyze --model DIR --sequences DIR2 --out DIR3 [--levels K]",
                "             or: analyze --model-file FILE.pt [--output KIND] --data NAME|FILE --sequences DIR2 --out DIR3",
                "At one point:    analyze --field SPEC --at X1,X2,... --sigma S [--tangent e1,e2] --json"})
final class AnalyzeCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1") Source source;
    @picocli.CommandLine.Mixin SaveJacobians jacobians = new SaveJacobians();

    static final class Source {
        @ArgGroup(exclusive = false) Sequences sequences;
        @ArgGroup(exclusive = false) Point point;
    }

    static final class Sequences extends ModelOptions.WithData {
        @Option(names = "--sequences", required = true, description = "Folder written by 'scorescope sample'.") Path sequences;
        @Option(names = "--out", required = true, description = "Output folder.") Path out;
        @Option(names = "--levels", defaultValue = "12", description = "K noise levels per sequence (geometric). Default: ${DEFAULT-VALUE}.") int levels;
        @Option(names = "--no-training-posterior", description = "Skip the effective density over the training set.") boolean noTraining;
        @Option(names = "--seed", defaultValue = "0", description = "Recorded in provenance (the analysis itself is deterministic).") long seed;
    }

    static final class Point {
        @Option(names = "--field", required = true, completionCandidates = FieldRegistry.Syntax.class,
                description = "Field spec, one of: ${COMPLETION-CANDIDATES}.") String field;
        @Option(names = "--at", required = true, split = ",", description = "The point x, comma-separated.") double[] at;
        @Option(names = "--sigma", required = true) double sigma;
        @Option(names = "--tangent", split = ",", description = "Coordinate axes spanning the tangent space, e.g. e1,e2 (default: the learned subspace).") List<String> tangent;
        @Option(names = "--json", description = "Print JSON (the only output format of a point analysis).") boolean json;
    }

    @Override public Integer call() {
        jacobians.check();
        return source.point != null ? point(source.point, jacobians) : sequences(source.sequences, jacobians);
    }

    // ------------------------------------------------------------------ one point

    private static int point(Point p, SaveJacobians jacobians) {
        if (!(p.sigma > 0) || !Double.isFinite(p.sigma)) throw new InputException("--sigma must be positive, got " + p.sigma);
        ScoreField field = FieldRegistry.resolve(p.field);
        if (p.at.length != field.dim())
            throw new InputException("--at has " + p.at.length + " coordinates, the field '" + p.field + "' has dimension " + field.dim());
        for (double v : p.at) if (!Double.isFinite(v)) throw new InputException("--at must be finite numbers");
        Mat x = Mat.row(p.at);
        Mat[] j = field.jacobian(x, p.sigma);
        jacobians.write(j);
        PointAnalyzer a = PointAnalyzer.of(j[0], p.sigma);
        if (p.tangent != null) a.trueTangent(axes(p.tangent, field.dim()));
        else if (field instanceof ManifoldField mf) a.trueTangent(mf.manifold().tangentBasis(p.at));
        ObjectNode out = a.analyze().toJson();
        if (p.tangent != null) promoteTrueFrame(out);
        out.put("field", field.describe()).put("tangent", p.tangent != null ? "axes " + String.join(",", p.tangent) : "learned");
        System.out.println(Json.toString(out));
        return 0;
    }

    /** With --tangent the named axes are the tangent space: the frame keys take their "_true" values. */
    private static void promoteTrueFrame(ObjectNode o) {
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) if (k.endsWith("_true")) o.set(k.substring(0, k.length() - 5), o.get(k));
    }

    static Mat axes(List<String> names, int dim) {
        Mat t = new Mat(dim, names.size());
        boolean[] seen = new boolean[dim];
        for (int j = 0; j < names.size(); j++) {
            String s = names.get(j).trim();
            int i;
            try {
                i = s.startsWith("e") ? Integer.parseInt(s.substring(1)) : -1;
            } catch (NumberFormatException e) {
                i = -1;
            }
            if (i < 1 || i > dim) throw new InputException("--tangent: '" + s + "' is not an axis e1..e" + dim);
            if (seen[i - 1]) throw new InputException("--tangent names axis " + s + " twice");
            seen[i - 1] = true;
            t.set(i - 1, j, 1);
        }
        return t;
    }

    // ------------------------------------------------------------------ along sequences

    private static int sequences(Sequences s, SaveJacobians jacobians) {
        if (s.levels < 1) throw new InputException("--levels must be >= 1, got " + s.levels);
        ModelSource src = s.require();
        SampleSequence seq = SequenceFiles.read(s.sequences);
        if (seq.dim() != src.dim())
            throw new InputException("sequences have dimension " + seq.dim() + ", the model " + src.dim());
        Optional<TrainingData> td = s.noTraining ? s.trainingData(src)
                : Optional.of(s.requireData(src, "for the training posterior and the exact references (or --no-training-posterior)"));
        AtomicFiles.ensureWritableDir(s.out);
        SequenceAnalysis.References refs = new SequenceAnalysis.References(td.flatMap(TrainingData::manifold),
                s.noTraining ? Optional.empty() : td.map(TrainingData::points));
        int[] steps = SequenceAnalysis.levelSteps(seq.sigmas(), s.levels);
        int levels = steps.length;
        estimateCost(src.field(), seq, refs, steps);
        AnalysisTable table;
        try (Progress bar = new Progress("analyze", levels)) {
            table = SequenceAnalysis.run(src.field(), seq, steps, refs, bar::stepTo);
        }
        writeTables(s.out, table, seq, steps);
        if (jacobians.requested()) jacobians.write(jacobiansInTableOrder(src.field(), seq, steps));
        List<Verdict> verdicts = Verdicts.all(table);
        ObjectNode summary = Json.object();
        for (Verdict v : verdicts) summary.set(v.claim(), v.toJson());
        Json.write(s.out.resolve("verdicts.json"), summary);
        ObjectNode config = Json.object().put("levels", s.levels).put("sequences", s.sequences.toString())
                .put("training_posterior", !s.noTraining);
        Provenance prov = Provenance.of("analysis", s.seed, config).input("model", src.info());
        td.ifPresent(d -> prov.input("data", d.info()));
        Definitions.defineAll(prov);
        Json.write(s.out.resolve("provenance.json"), prov.toJson());
        for (Verdict v : verdicts)
            System.out.printf("%-4s %-14s %s%n", v.claim(), v.holds() ? "holds" : "does not hold", v.numbers());
        System.out.printf("analysis of %d sequences x %d levels in %s%n", seq.n(), levels, s.out);
        return 0;
    }

    /** Prints the number of Jacobians and the time extrapolated from one small calibration batch. */
    private static void estimateCost(ScoreField model, SampleSequence seq, SequenceAnalysis.References refs, int[] steps) {
        int levels = steps.length;
        int mid = steps[steps.length / 2];
        Mat x = seq.atStep(mid);
        Mat probe = x.rows(0, Math.min(4, x.rows()));
        SequenceAnalysis.Level level = new SequenceAnalysis.Level(model, refs);
        level.at(probe, seq.sigma(mid));   // warm-up: the first call pays for class loading and JIT
        long t0 = System.nanoTime();
        level.at(probe, seq.sigma(mid));
        double perPoint = (System.nanoTime() - t0) / 1e9 / probe.rows();
        long jacobians = (long) seq.n() * levels;
        System.err.printf("cost: %d Jacobians (%s, %d x %d each) + SVDs%s%s; about %.0f s (calibrated on %d points)%n",
                jacobians, model.describe(), seq.dim(), seq.dim(),
                refs.manifold().isPresent() ? ", exact field by quadrature" : "",
                refs.trainingPoints().isPresent() ? ", posterior over " + refs.trainingPoints().get().rows() + " training points" : "",
                perPoint * jacobians, probe.rows());
    }

    /** The Jacobians again (only when --save-jacobians asks), in the row order of analysis.csv: level-major. */
    private static Mat[] jacobiansInTableOrder(ScoreField field, SampleSequence seq, int[] steps) {
        List<Mat> out = new ArrayList<>();
        for (int step : steps) out.addAll(List.of(field.jacobian(seq.atStep(step), seq.sigma(step))));
        return out.toArray(Mat[]::new);
    }

    /** analysis.csv (sequence, level, the point, every PointAnalysis column) and spectra.csv (singular values). */
    static void writeTables(Path out, AnalysisTable table, SampleSequence seq, int[] steps) {
        int d = seq.dim();
        List<String> head = new ArrayList<>(List.of("sequence", "level"));
        for (int k = 0; k < d; k++) head.add("x" + k);
        head.addAll(PointAnalysis.csvHeader(d));
        List<String> spectraHead = new ArrayList<>(List.of("sequence", "level", "sigma"));
        for (int k = 1; k <= d; k++) spectraHead.add("s_" + k);
        List<List<String>> rows = new ArrayList<>(), spectra = new ArrayList<>();
        for (AnalysisTable.Row r : table.rows()) {
            List<String> cells = new ArrayList<>(List.of(Csv.integer(r.sequence()), Csv.integer(r.level())));
            for (double v : seq.point(r.sequence(), steps[r.level()])) cells.add(Csv.number(v));
            cells.addAll(r.point().csvRow());
            rows.add(cells);
            List<String> s = new ArrayList<>(List.of(Csv.integer(r.sequence()), Csv.integer(r.level()), Csv.number(r.sigma())));
            for (double v : r.point().features().singularValues()) s.add(Csv.number(v));
            spectra.add(s);
        }
        Csv.writeCells(out.resolve("analysis.csv"), head, rows);
        Csv.writeCells(out.resolve("spectra.csv"), spectraHead, spectra);
    }
}
