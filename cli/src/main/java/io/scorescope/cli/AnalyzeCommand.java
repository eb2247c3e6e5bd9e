package io.scorescope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.TrainingData;
import io.scorescope.experiment.AnalysisFiles;
import io.scorescope.experiment.Claim;
import io.scorescope.experiment.DataKind;
import io.scorescope.experiment.ModelSource;
import io.scorescope.experiment.PointQuery;
import io.scorescope.experiment.SequenceAnalysis;
import io.scorescope.experiment.Verdict;
import io.scorescope.experiment.Verdicts;
import io.scorescope.field.ScoreField;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.math.Mat;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SequenceFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scorescope analyze}: the geometry of a score field (docs/science.md), either along recorded sample
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
        @Option(names = "--seed", defaultValue = "0", description = "Recorded in provenance (the analysis itself is deterministic). Default: ${DEFAULT-VALUE}.") long seed;
    }

    static final class Point {
        @Option(names = "--field", required = true, completionCandidates = FieldRegistry.Syntax.class,
                description = "Field spec, one of: ${COMPLETION-CANDIDATES}.") String field;
        @Option(names = "--at", required = true, split = ",", description = "The point x, comma-separated.") double[] at;
        @Option(names = "--sigma", required = true, description = "The noise level at which the field is analysed.") double sigma;
        @Option(names = "--tangent", split = ",", description = "Coordinate axes spanning the tangent space, e.g. e1,e2 (default: the learned subspace).") List<String> tangent;
        @Option(names = "--json", description = "Print JSON (the only output format of a point analysis).") boolean json;
    }

    @Override public Integer call() {
        jacobians.check();
        return source.point != null ? point(source.point, jacobians) : sequences(source.sequences, jacobians);
    }

    // ------------------------------------------------------------------ one point

    private static int point(Point p, SaveJacobians jacobians) {
        ScoreField field = FieldRegistry.resolve(p.field);
        PointQuery.check(field, p.field, p.at, p.sigma);
        Mat[] j = field.jacobian(Mat.row(p.at), p.sigma);
        jacobians.write(j);
        System.out.println(Json.toString(PointQuery.analyze(field, p.field, p.at, p.sigma, j[0], p.tangent)));
        return 0;
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
        System.err.printf("cost: %d Jacobians (%s, %d x %d each) + SVDs%s%s; about %.0f s%n", (long) seq.n() * steps.length,
                src.field().describe(), seq.dim(), seq.dim(), refs.manifold().isPresent() ? ", exact field by quadrature" : "",
                refs.trainingPoints().map(t -> ", posterior over " + t.rows() + " training points").orElse(""),
                SequenceAnalysis.estimateSeconds(src.field(), seq, refs, steps));
        AnalysisTable table;
        try (Progress bar = new Progress("analyze", steps.length)) {
            table = SequenceAnalysis.run(src.field(), seq, steps, refs, bar::stepTo);
        }
        if (jacobians.requested()) jacobians.write(SequenceAnalysis.jacobians(src.field(), seq, steps));
        Map<Claim, Verdict> verdicts = Verdicts.all(table, Verdicts.smallSigma(td.map(DataKind::noiseUnit).orElse(1.0)));
        ObjectNode config = Json.object().put("levels", s.levels).put("sequences", s.sequences.toString())
                .put("training_posterior", !s.noTraining);
        Provenance prov = Provenance.of("analysis", s.seed, config).input("model", src.info());
        td.ifPresent(d -> prov.input("data", d.info()));
        AnalysisFiles.writeFolder(s.out, table, seq, steps, verdicts, prov);
        for (Verdict v : verdicts.values())
            System.out.printf("%-26s %-14s %s%n", v.claim().key(), v.outcome().label(), v.reason() != null ? v.reason() : v.numbers());
        System.out.printf("analysis of %d sequences x %d levels in %s%n", seq.n(), steps.length, s.out);
        return 0;
    }
}
