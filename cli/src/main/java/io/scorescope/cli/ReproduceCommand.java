package io.scorescope.cli;

import io.scorescope.geometry.Definitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.geometry.Verdict;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.report.CsvWriter;
import io.scorescope.report.Report;
import io.scorescope.report.ReportFiles;
import io.scorescope.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scorescope reproduce}: from data to a report that states every claim of the paper with a measured verdict.
 * Writes into --out: report.html, figures/*.png, tables/*.csv (the per-point analysis tables and each section's
 * table), summary.json, provenance.json, and the model folders model/ and control/ (reusable with --model/--control);
 * with --model-file the module is copied to model.pt instead of a model folder.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train (or reuse: --model DIR, or --model-file PATH with --data) the score model and an energy-parameterised control, sample and analyse sequences, "
                + "run constrained mixing and write a report with a verdict for every claim.")
final class ReproduceCommand implements Callable<Integer> {
    static final String SUMMARY = "summary.json", PROVENANCE = "provenance.json";

    @Option(names = "--data", description = "Built-in manifold spec (see 'data list') or an image set (digits, mnist, fashion-mnist[:digits=0,1,n=N]). "
            + "Default: sphere, or the given model's data. Required with --model-file: the manifold the module was trained on.")
    String data;
    @Option(names = "--quick", description = "A smaller budget (at most 90 s on 2 cores) instead of the full default (at most 5 minutes).")
    boolean quick;
    @Option(names = "--budget", hidden = true, description = "full, quick or tiny (tests).") String budget;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random stream. Default: ${DEFAULT-VALUE}.") long seed;
    @Mixin ModelOptions models;
    @Option(names = "--control", description = "Reuse this energy-model folder instead of training the control.") Path control;
    @Option(names = "--out", required = true, description = "Output folder.") Path out;

    @Override public Integer call() {
        long t0 = System.nanoTime();
        Budget b = budget != null ? Budget.byName(budget) : quick ? Budget.QUICK : Budget.FULL;
        String imageData = data != null || models.model == null ? data : ModelSource.fromCheckpoint(models.model).dataInfo()
                .filter(i -> "images".equals(i.path("kind").asText())).map(i -> i.path("spec").asText()).orElse(null);
        if (ImageReproduction.handles(imageData)) {   // --data names an image set, or --model was trained on one
            if (models.fileSpec() != null) throw new InputException("--model-file is not supported with image data; give --model DIR");
            ImageClaimReport.write(ImageReproduction.run(new ImageReproduction.Settings(imageData, ImageBudget.of(b), seed, models.model, control, out)), t0);
            return 0;
        }
        Reproduction.Result r = Reproduction.run(new Reproduction.Settings(data, b, seed, models.model, models.fileSpec(), control, out));
        ObjectNode provenance = provenance(r).toJson();
        Report report = ClaimReport.build(r, provenance);
        ReportFiles.writeAll(report, out);
        writeAnalysisTables(r);
        Json.write(out.resolve(PROVENANCE), provenance);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Json.write(out.resolve(SUMMARY), ClaimSummary.build(r, seconds, provenance));
        printSummary(r, seconds);
        return 0;
    }

    static Provenance provenance(Reproduction.Result r) {
        ObjectNode config = Json.object();
        config.put("data", r.data().spec()).put("noise_scale", r.noiseScale());
        config.set("budget", r.settings().budget().toJson());
        var sig = config.putArray("mixing_sigmas");
        r.mixing().forEach(m -> sig.add(m.sigma()));
        var sampler = Reproduction.samplerConfig(r.model(), r.noiseScale(), r.settings().budget());
        config.putObject("sampler").put("name", sampler.sampler()).put("schedule", sampler.schedule()).put("steps", sampler.steps())
                .put("sigma_min", sampler.sigmaMin()).put("sigma_max", sampler.sigmaMax());
        config.put("model_given", r.settings().modelDir() != null || r.settings().modelFile() != null)
                .put("control_given", r.settings().controlDir() != null);
        Provenance p = Provenance.of("reproduction", r.settings().seed(), config)
                .input("data", r.data().info())
                .input("model", r.model().info())
                .input("control", r.control().info());
        return Definitions.defineAll(p);
    }

    /** A trained checkpoint's spec, training configuration and step, for provenance. */
    static ObjectNode modelInfo(io.scorescope.training.Checkpoint.Loaded c) {
        ObjectNode o = Json.object();
        o.set("spec", c.model().spec().toJson());
        o.set("training", c.config().toJson());
        o.put("step", c.step());
        return o;
    }

    /** tables/analysis.csv (model), analysis_exact.csv and analysis_control.csv: one row per (sequence, level). */
    static void writeAnalysisTables(Reproduction.Result r) {
        Path tables = r.settings().out().resolve("tables");
        int dim = r.manifold().ambientDim();
        write(r.analyses().model(), dim, tables.resolve("analysis.csv"));
        write(r.analyses().exact(), dim, tables.resolve("analysis_exact.csv"));
        write(r.analyses().control(), dim, tables.resolve("analysis_control.csv"));
    }

    /** One analysis table as CSV: sequence, level and the PointAnalysis columns for ambient dimension dim. */
    static void write(AnalysisTable t, int dim, Path file) {
        List<String> header = new ArrayList<>(List.of("sequence", "level"));
        header.addAll(PointAnalysis.csvHeader(dim));
        List<List<String>> rows = new ArrayList<>();
        for (AnalysisTable.Row row : t.rows()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(row.sequence()), Integer.toString(row.level())));
            cells.addAll(row.point().csvRow());
            rows.add(cells);
        }
        CsvWriter.write(file, new Table(header, rows));
    }

    private static void printSummary(Reproduction.Result r, double seconds) {
        System.out.printf(Locale.ROOT, "%nscorescope reproduce: %s (d = %d, D = %d), budget %s, seed %d, %.0f s%n", r.data().spec(),
                r.manifold().intrinsicDim(), r.manifold().ambientDim(), r.settings().budget().name(), r.settings().seed(), seconds);
        List<Verdict> all = new ArrayList<>(r.claims().model());
        all.add(r.claims().a6());
        for (Verdict v : all) {
            // the key number: the spread claim's difference, else the verdict's first number
            String key = v.numbers().containsKey("difference") ? "difference" : v.numbers().keySet().iterator().next();
            System.out.printf(Locale.ROOT, "  %-27s %-14s %s = %.4g   (rule: %s)%n", ClaimSummary.KEYS.get(v.claim()),
                    v.holds() ? "holds" : "does not hold", key, v.numbers().get(key), v.threshold());
        }
        System.out.printf(Locale.ROOT, "  sample quality: median distance to M %.3g%n", r.quality().path("distance_median").asDouble());
        System.out.printf("report: %s%n", r.settings().out().resolve("report.html"));
    }
}
