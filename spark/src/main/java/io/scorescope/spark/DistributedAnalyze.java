package io.scorescope.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.TrainingData;
import io.scorescope.experiment.AnalysisFiles;
import io.scorescope.experiment.ModelSource;
import io.scorescope.experiment.SequenceAnalysis;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.math.Mat;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SequenceFiles;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code scorescope analyze --model DIR --sequences DIR2 --out DIR3 [--levels K] [--no-training-posterior] --master M}:
 * the sequence analysis of one big run, its (sequence, level) points partitioned across executors by level (one
 * task per level: the same batches as the local run, so every number is the local one), the model folder shipped
 * to the executors with {@code SparkContext.addFile}, the training data recreated there from its description.
 * Writes analysis.csv and spectra.csv as {@code analyze} does, and provenance.json; the per-table verdicts
 * (verdicts.json) are left to the local {@code analyze} (they need the whole analysis objects on the driver).
 */
public final class DistributedAnalyze {
    public static final String USAGE = "usage: scorescope analyze --model DIR --sequences DIR2 --out DIR3 [--levels K] [--no-training-posterior] --master local[*]|spark://HOST:PORT";

    /** One level of the analysis: its index, recorded step, sigma, and the points (rows) of every sequence there. */
    public record LevelTask(int level, int step, double sigma, double[][] points) implements Serializable {}

    /** The CSV rows of a level: analysis.csv cells and spectra.csv cells, in sequence order. */
    public record LevelRows(int level, List<List<String>> analysis, List<List<String>> spectra) implements Serializable {}

    private DistributedAnalyze() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    public static int run(String[] args) {
        try {
            Path model = null, sequences = null, out = null;
            int levels = 12;
            boolean noTraining = false;
            String master = System.getProperty("spark.master", "local[*]");
            for (int i = 0; i < args.length; i++) {
                String k = args[i];
                if (k.equals("-h") || k.equals("--help")) {
                    System.out.println(USAGE);
                    return 0;
                }
                if (k.equals("--no-training-posterior")) { noTraining = true; continue; }
                if (i + 1 >= args.length) throw new InputException("unknown argument or missing value: '" + k + "'; " + USAGE);
                String v = args[++i];
                switch (k) {
                    case "--model" -> model = Path.of(v);
                    case "--sequences" -> sequences = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    case "--levels" -> levels = parseLevels(v);
                    case "--master" -> master = v;
                    default -> throw new InputException("unknown argument '" + k + "'; " + USAGE
                            + " (a TorchScript --model-file is analysed locally only)");
                }
            }
            if (model == null || sequences == null || out == null) throw new InputException("--model, --sequences and --out are required; " + USAGE);
            Sweep.checkMaster(master);
            analyze(model, sequences, out, levels, noTraining, master);
            System.out.printf("distributed analysis in %s%n", out);
            return 0;
        } catch (RuntimeException e) {
            Throwable t = e;
            while (!(t instanceof InputException) && t.getCause() != null && t.getCause() != t) t = t.getCause();
            if (t instanceof InputException) {
                System.err.println("scorescope: " + t.getMessage().lines().findFirst().orElse(""));
                return 2;
            }
            System.err.println("scorescope: internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    private static int parseLevels(String v) {
        try {
            int k = Integer.parseInt(v);
            if (k < 1) throw new InputException("--levels must be >= 1, got " + v);
            return k;
        } catch (NumberFormatException e) {
            throw new InputException("--levels must be an integer, got '" + v + "'");
        }
    }

    static void analyze(Path modelDir, Path seqDir, Path out, int levels, boolean noTraining, String master) {
        ModelSource src = ModelSource.fromCheckpoint(modelDir);
        SampleSequence seq = SequenceFiles.read(seqDir);
        if (seq.dim() != src.dim()) throw new InputException("sequences have dimension " + seq.dim() + ", the model " + src.dim());
        Optional<TrainingData> td = src.trainingData(null, TrainingData.DEFAULT_N, 0);
        if (!noTraining && td.isEmpty()) throw new InputException("the model records no training data; pass --no-training-posterior");
        String dataInfo = td.map(d -> d.info().toString()).orElse(null);
        int[] steps = SequenceAnalysis.levelSteps(seq.sigmas(), levels);
        List<LevelTask> tasks = new ArrayList<>();
        for (int j = 0; j < steps.length; j++) {
            Mat x = seq.atStep(steps[j]);
            double[][] pts = new double[x.rows()][];
            for (int i = 0; i < x.rows(); i++) pts[i] = x.row(i);
            tasks.add(new LevelTask(j, steps[j], seq.sigma(steps[j]), pts));
        }
        AtomicFiles.ensureWritableDir(out);
        String name = modelDir.toAbsolutePath().normalize().getFileName().toString();
        boolean training = !noTraining;
        SparkSession spark = Sweep.session("analyze " + name, master);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            jsc.addFile(modelDir.toAbsolutePath().toString(), true);
            List<LevelRows> done = new ArrayList<>(jsc.parallelize(tasks, tasks.size())
                    .map(t -> level(Path.of(SparkFiles.get(name)), dataInfo, training, t)).collect());
            done.sort((a, b) -> Integer.compare(a.level(), b.level()));
            // the local table is level-major: all sequences of level 0, then level 1, ...
            List<List<String>> rows = new ArrayList<>(), spectra = new ArrayList<>();
            for (LevelRows r : done) {
                rows.addAll(r.analysis());
                spectra.addAll(r.spectra());
            }
            Csv.writeCells(out.resolve("analysis.csv"), AnalysisFiles.header(seq.dim(), true), rows);
            Csv.writeCells(out.resolve("spectra.csv"), AnalysisFiles.spectraHeader(seq.dim()), spectra);
            ObjectNode config = Json.object().put("levels", levels).put("sequences", seqDir.toString()).put("training_posterior", training)
                    .put("master", master).put("tasks", tasks.size()).put("partitioning", "one task per level (all sequences of the level)");
            Provenance prov = Provenance.of("analysis", 0, config).input("model", src.info());
            td.ifPresent(d -> prov.input("data", d.info()));
            Json.write(out.resolve("provenance.json"), prov.toJson());
        } finally {
            spark.stop();
        }
    }

    /** One level's rows, computed where the task runs (the executor's copy of the model folder). */
    public static LevelRows level(Path modelDir, String dataInfo, boolean training, LevelTask t) {
        ModelSource src = ModelSource.fromCheckpoint(modelDir);
        Optional<TrainingData> td = dataInfo == null ? Optional.empty()
                : Optional.of(TrainingData.fromInfo((ObjectNode) Json.MAPPER.valueToTree(parse(dataInfo))));
        SequenceAnalysis.References refs = new SequenceAnalysis.References(td.flatMap(TrainingData::manifold),
                training ? td.map(TrainingData::points) : Optional.empty());
        Mat x = Mat.of(t.points());
        PointAnalysis[] res = new SequenceAnalysis.Level(src.field(), refs).at(x, t.sigma());
        List<List<String>> rows = new ArrayList<>(), spectra = new ArrayList<>();
        for (int i = 0; i < res.length; i++) {
            rows.add(AnalysisFiles.row(i, t.level(), t.points()[i], res[i]));
            spectra.add(AnalysisFiles.spectraRow(i, t.level(), t.sigma(), res[i]));
        }
        return new LevelRows(t.level(), rows, spectra);
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
