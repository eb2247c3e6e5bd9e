package io.scorescope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.evaluate.ImageQuality;
import io.scorescope.evaluate.ManifoldQuality;
import io.scorescope.experiment.AnalysisFiles;
import io.scorescope.experiment.Claim;
import io.scorescope.experiment.Experiment;
import io.scorescope.experiment.ImageData;
import io.scorescope.experiment.Overrides;
import io.scorescope.experiment.ReferenceModels;
import io.scorescope.experiment.Summary;
import io.scorescope.experiment.Verdict;
import io.scorescope.io.Json;
import io.scorescope.report.ImageReport;
import io.scorescope.report.ManifoldReport;
import io.scorescope.report.Report;
import io.scorescope.report.ReportFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scorescope reproduce}: from data to a report that states every claim of the paper with a measured verdict
 * ({@link Experiment}). Writes into --out: report.html, figures/*.png, tables/*.csv (the per-point analysis tables
 * and each section's table), summary.json, provenance.json, and the model folders model/ and control/ (reusable with
 * --model/--control); with --model-file the module is copied to model.pt instead of a model folder.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train (or reuse: --model DIR, or --model-file PATH with --data) the score model and an energy-parameterised control, sample and analyse sequences, "
                + "run constrained mixing and write a report with a verdict for every claim.")
final class ReproduceCommand implements Callable<Integer> {
    static final String SUMMARY = "summary.json", PROVENANCE = "provenance.json";

    @Option(names = "--data", description = "Built-in manifold spec (see 'data list') or an image set (digits, mnist, fashion-mnist[:digits=0,1,n=N]). "
            + "Default: sphere, or the given model's data. Required with --model-file: the data the module was trained on.")
    String data;
    @Option(names = "--quick", description = "A smaller budget (at most 90 s on 2 cores) instead of the full default (at most 5 minutes).")
    boolean quick;
    @Option(names = "--budget", hidden = true, description = "full, quick or tiny (tests).") String budget;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random stream. Default: ${DEFAULT-VALUE}.") long seed;
    @Mixin ModelOptions models;
    @Option(names = "--control", description = "Reuse this energy-model folder instead of training the control.") Path control;
    @Option(names = "--out", required = true, description = "Output folder.") Path out;
    @Option(names = "--retrain", description = "Train the model and control from scratch even when shipped reference models "
            + "(models/README.md) match the data.") boolean retrain;

    @Override public Integer call() {
        long t0 = System.nanoTime();
        String plan = budget != null ? budget : quick ? "quick" : "full";
        Path references = retrain ? null : ReferenceModels.shipped().orElse(null);
        Experiment.Result r = Experiment.run(new Experiment.Settings(data, plan, seed, models.model, models.fileSpec(), control, out,
                Overrides.NONE, references), Progress.listener());
        ObjectNode provenance = Summary.provenance(r).toJson();
        Report report = r.kind() instanceof ImageData ? ImageReport.build(r, provenance) : ManifoldReport.build(r, provenance);
        ReportFiles.writeAll(report, out);
        AnalysisFiles.writeAll(r);
        Json.write(out.resolve(PROVENANCE), provenance);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Json.write(out.resolve(SUMMARY), Summary.build(r, seconds, provenance));
        printSummary(r, seconds);
        return 0;
    }

    private static void printSummary(Experiment.Result r, double seconds) {
        String shape = r.kind().manifold().map(m -> "d = " + m.intrinsicDim() + ", D = " + m.ambientDim()).orElse("images, D = " + r.kind().data().dim());
        System.out.printf(Locale.ROOT, "%nscorescope reproduce: %s (%s), budget %s, seed %d, %.0f s%n", r.kind().data().spec(), shape,
                r.kind().plan().name(), r.settings().seed(), seconds);
        System.out.printf("  models: %s%n", r.models());
        for (Claim c : Claim.values()) {
            Verdict v = r.claims().model().get(c);
            // the key number: the spread claim's difference, else the verdict's first number
            String key = v.numbers().containsKey("difference") ? "difference" : v.numbers().keySet().iterator().next();
            if (!v.evaluated()) System.out.printf(Locale.ROOT, "  %-27s %-14s %s%n", c.key(), v.outcome().label(), v.reason());
            else System.out.printf(Locale.ROOT, "  %-27s %-14s %s = %.4g   (rule: %s)%n", c.key(), v.outcome().label(), key,
                    v.numbers().get(key), v.threshold());
        }
        if (r.quality() instanceof ManifoldQuality q)
            System.out.printf(Locale.ROOT, "  sample quality: median distance to M %.3g%n", q.quality().distanceMedian());
        if (r.quality() instanceof ImageQuality q)
            System.out.printf(Locale.ROOT, "  sample quality: memorisation ratio %.3g, copy fraction %.3g; classifier held-out accuracy %.3f, "
                            + "mean confidence on samples %.3f (held-out %.3f)%n", q.memorisation().ratio(), q.memorisation().copyFraction(),
                    q.testAccuracy(), q.onSamples().meanConfidence(), q.onHeldOut().meanConfidence());
        System.out.printf("report: %s%n", r.settings().out().resolve("report.html"));
    }
}
