package io.scorescope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.Manifold;
import io.scorescope.data.TrainingData;
import io.scorescope.experiment.ModelSource;
import io.scorescope.field.ScoreField;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.lid.LidBenchmarks;
import io.scorescope.lid.LidEstimator;
import io.scorescope.lid.LidEstimators;
import io.scorescope.lid.LidMetrics;
import io.scorescope.lid.LidProblem;
import io.scorescope.lid.LidResult;
import io.scorescope.math.Mat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scorescope lid}: local intrinsic dimension estimates at the first m points of a data set. Writes
 * {@code estimates.csv} (row, truth if known, one column per estimator, plus its standard error for Hutchinson
 * estimates), {@code summary.json} (rule, global summary, mean, MAE and concordance against the truth) and
 * {@code provenance.json}. Benchmark names give standardised data; manifold specs and files are used as given
 * (so that a model trained on them by {@code scorescope train} applies).
 */
@Command(name = "lid", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Estimate local intrinsic dimension with the selected estimators (rules printed with the results).")
final class LidCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Benchmark name (see lid-bench), built-in manifold spec, or a .csv/.npy file.")
    String data;
    @Option(names = "--estimator", completionCandidates = EstimatorNames.class,
            description = "Estimator spec name[:key=value,...], repeatable. Default: all that the inputs allow. Known: ${COMPLETION-CANDIDATES}.")
    List<String> estimators = new ArrayList<>();
    @Mixin ModelOptions models;
    @Option(names = "--n", defaultValue = "2000", description = "Points drawn from a built-in data set. Default: ${DEFAULT-VALUE}.") int n;
    @Option(names = "--queries", defaultValue = "500", description = "Estimate at the first Q points. Default: ${DEFAULT-VALUE}.") int queries;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the data draws and of the estimators' random streams. Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--out", required = true, description = "Output folder (summary.json, estimates.csv, provenance.json).") Path out;

    @Override public Integer call() {
        if (n < 3) throw new InputException("--n must be >= 3, got " + n);
        if (queries < 1) throw new InputException("--queries must be >= 1, got " + queries);
        Mat points;
        int[] truth = null;
        ObjectNode dataInfo;
        if (LidBenchmarks.isBenchmark(data)) {
            LidBenchmarks.Benchmark b = LidBenchmarks.generate(data, n, seed);
            points = b.points();
            truth = b.truth();
            dataInfo = Json.object().put("kind", "lid-benchmark").put("name", data).put("n", n).put("seed", seed)
                    .put("description", b.description()).put("standardised_by", b.scale());
        } else {
            TrainingData td = TrainingData.resolve(data, n, seed);
            points = td.points();
            dataInfo = td.info();
            if (td.manifold().isPresent()) {
                Manifold m = td.manifold().get();
                truth = new int[points.rows()];
                for (int i = 0; i < truth.length; i++) truth[i] = m.intrinsicDimAt(points.row(i));
            }
        }
        Optional<ModelSource> given = models.load();
        ScoreField field = given.map(ModelSource::field).orElse(null);
        ObjectNode modelInfo = given.map(ModelSource::info).orElse(null);
        List<String> specs = new ArrayList<>(estimators);
        if (specs.isEmpty())
            for (String e : LidEstimators.NAMES) if (field != null || !LidEstimators.parse(e).needsField()) specs.add(e);
        List<LidEstimator> list = specs.stream().map(LidEstimators::parse).toList();
        LidProblem problem = LidProblem.firstRows(points, queries, field, seed);
        AtomicFiles.ensureWritableDir(out);

        List<LidResult> results = new ArrayList<>();
        for (LidEstimator e : list) {
            LidResult r = e.run(problem);
            results.add(r);
            System.out.printf("%-24s mean %.3f  global %.3f  (%s)%n", e.name(), r.mean(), r.global(), r.rule());
        }
        int m = problem.queries().length;
        int[] t = truth == null ? null : java.util.Arrays.copyOf(truth, m);
        writeCsv(results, t, m);
        ArrayNode summary = Json.MAPPER.createArrayNode();
        for (LidResult r : results) {
            ObjectNode o = r.summaryJson();
            if (t != null) {
                Json.putFinite(o, "mae", LidMetrics.mae(r.estimates(), t));
                Json.putFinite(o, "concordance", LidMetrics.concordance(r.estimates(), t));
            }
            summary.add(o);
        }
        ObjectNode s = Json.object();
        s.set("data", dataInfo);
        s.put("queries", m);
        s.set("estimators", summary);
        Json.write(out.resolve("summary.json"), s);
        ObjectNode config = Json.object();
        config.set("data", dataInfo);
        config.put("queries", m).put("n", points.rows());
        config.putPOJO("estimators", specs);
        Provenance prov = Provenance.of("lid", seed, config);
        for (LidResult r : results) prov.define(r.estimator(), r.rule());
        if (modelInfo != null) prov.input("model", modelInfo);
        Json.write(out.resolve("provenance.json"), prov.toJson());
        System.out.println("wrote estimates.csv, summary.json and provenance.json to " + out);
        return 0;
    }

    /** The estimator names of {@link LidEstimators#NAMES}, for the help text. */
    static final class EstimatorNames implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() { return LidEstimators.NAMES.iterator(); }
    }

    private void writeCsv(List<LidResult> results, int[] truth, int m) {
        List<String> header = new ArrayList<>(List.of("row"));
        if (truth != null) header.add("truth");
        for (LidResult r : results) {
            header.add(r.estimator());
            if (r.standardErrors() != null) header.add(r.estimator() + "_se");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            List<String> row = new ArrayList<>(header.size());
            row.add(Csv.integer(i));
            if (truth != null) row.add(Csv.integer(truth[i]));
            for (LidResult r : results) {
                row.add(Csv.number(r.estimates()[i]));
                if (r.standardErrors() != null) row.add(Csv.number(r.standardErrors()[i]));
            }
            rows.add(row);
        }
        Csv.writeCells(out.resolve("estimates.csv"), header, rows);
    }
}
