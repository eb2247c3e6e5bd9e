package io.scorescope.experiment;

import io.scorescope.data.Manifold;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.Posterior;
import io.scorescope.field.ScoreField;
import io.scorescope.field.SmoothedEmpiricalField;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.LocalFeatures;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.geometry.PointAnalyzer;
import io.scorescope.math.Mat;
import io.scorescope.sde.SampleSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The analysis of spec section 4: along every recorded sample sequence, at K noise levels, the score
 * Jacobian J = dg_sigma/dx is evaluated at the current iterate and that sigma, and every per-point quantity
 * of {@link PointAnalysis} is computed from it; with the true frame and the exact field when the data is a
 * built-in manifold, and with the effective density over the training set when it is given.
 * The K levels are the recorded steps whose sigma is nearest (in log sigma) to a geometric grid spanning the
 * sequence's range up to a ceiling ({@link #levelSteps(double[], int, double)}).
 */
public final class SequenceAnalysis {
    private SequenceAnalysis() {}

    /**
     * What to compare against. Empty options switch the corresponding columns off. The reference tangent/normal
     * frame (the "_true" columns) is the manifold's at the closest point; without a manifold, the learned split
     * (kept features, gain > 1/2) of {@code frameField}'s Jacobian at the same (x, sigma), or with
     * {@code posteriorFrame} that of the training posterior's Jacobian (the exact smoothed empirical field).
     */
    public record References(Optional<Manifold> manifold, Optional<Mat> trainingPoints, Optional<ScoreField> frameField,
                             boolean posteriorFrame) {
        public References(Optional<Manifold> manifold, Optional<Mat> trainingPoints) { this(manifold, trainingPoints, Optional.empty(), false); }

        public static References none() { return new References(Optional.empty(), Optional.empty()); }

        /** The same references with the learned split of {@code field} as the reference frame. */
        public References withFrameOf(ScoreField field) { return new References(manifold, trainingPoints, Optional.of(field), false); }

        /** The same references with the training posterior's learned split as the reference frame. */
        public References withPosteriorFrame() { return new References(manifold, trainingPoints, Optional.empty(), true); }
    }

    /** {@link #levelSteps(double[], int, double)} over the whole sequence. */
    public static int[] levelSteps(double[] sigmas, int k) { return levelSteps(sigmas, k, Double.POSITIVE_INFINITY); }

    /**
     * Step indices of K levels at sigma <= {@code ceiling}: with hi the largest recorded sigma <= ceiling and lo the
     * last, the recorded steps nearest in log sigma to hi (lo/hi)^(j/(K-1)), j = 0..K-1, without repeats (fewer than
     * K when the range has fewer distinct steps). A run analyses two networks at the same points, so its ceiling is
     * the smaller of their training sigma_max: no level lies where one of them was never trained.
     */
    public static int[] levelSteps(double[] sigmas, int k, double ceiling) {
        if (k < 1) throw new IllegalArgumentException("need at least one level");
        int first = 0;
        while (first < sigmas.length - 1 && sigmas[first] > ceiling * (1 + 1e-9)) first++;
        double hi = sigmas[first], lo = sigmas[sigmas.length - 1];
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double target = k == 1 ? lo : Math.log(hi) + (Math.log(lo) - Math.log(hi)) * j / (k - 1);
            int best = first;
            for (int i = first + 1; i < sigmas.length; i++)
                if (Math.abs(Math.log(sigmas[i]) - target) < Math.abs(Math.log(sigmas[best]) - target)) best = i;
            if (!out.contains(best)) out.add(best);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Jacobians and analyses at every (sequence, level); {@code progress} receives the number of levels done. */
    public static AnalysisTable run(ScoreField model, SampleSequence seq, int levels, References refs, IntConsumer progress) {
        return run(model, seq, levelSteps(seq.sigmas(), levels), refs, progress);
    }

    /** The same at the given recorded steps (level j = steps[j]). */
    public static AnalysisTable run(ScoreField model, SampleSequence seq, int[] steps, References refs, IntConsumer progress) {
        Level analysis = new Level(model, refs);
        List<AnalysisTable.Row> rows = new ArrayList<>();
        for (int level = 0; level < steps.length; level++) {
            double sigma = seq.sigma(steps[level]);
            PointAnalysis[] res = analysis.at(seq.atStep(steps[level]), sigma);
            for (int i = 0; i < res.length; i++) rows.add(new AnalysisTable.Row(i, level, sigma, res[i]));
            progress.accept(level + 1);
        }
        return new AnalysisTable(rows);
    }

    /**
     * Seconds the analysis of every sequence at the given steps will take, extrapolated from a calibration batch of
     * at most 4 points at the middle level (timed after one warm-up call that pays for class loading and JIT).
     */
    public static double estimateSeconds(ScoreField model, SampleSequence seq, References refs, int[] steps) {
        int mid = steps[steps.length / 2];
        Mat probe = seq.atStep(mid).rows(0, Math.min(4, seq.n()));
        Level level = new Level(model, refs);
        level.at(probe, seq.sigma(mid));
        long t0 = System.nanoTime();
        level.at(probe, seq.sigma(mid));
        return (System.nanoTime() - t0) / 1e9 / probe.rows() * seq.n() * steps.length;
    }

    /** The Jacobians at every (sequence, level), in the row order of an analysis table: level-major. */
    public static Mat[] jacobians(ScoreField field, SampleSequence seq, int[] steps) {
        List<Mat> out = new ArrayList<>();
        for (int step : steps) out.addAll(List.of(field.jacobian(seq.atStep(step), seq.sigma(step))));
        return out.toArray(Mat[]::new);
    }

    /** The analysis of a batch of points at one noise level, with the references prepared once. */
    public static final class Level {
        private final ScoreField model;
        private final References refs;
        private final Optional<ManifoldField> exact;
        private final Optional<SmoothedEmpiricalField> empirical;

        public Level(ScoreField model, References refs) {
            this.model = model;
            this.refs = refs;
            this.exact = refs.manifold().map(ManifoldField::new);
            this.empirical = refs.trainingPoints().map(SmoothedEmpiricalField::new);
        }

        /** Every quantity at each row of x, at noise level sigma. */
        public PointAnalysis[] at(Mat x, double sigma) {
            Mat[] jac = model.jacobian(x, sigma);
            Mat g = exact.isPresent() ? model.score(x, sigma) : null;
            Mat[] frameJac = exact.isEmpty() && refs.frameField().isPresent() ? refs.frameField().get().jacobian(x, sigma) : null;
            List<PointAnalyzer> analyzers = new ArrayList<>();
            for (int i = 0; i < x.rows(); i++) {
                double[] xi = x.row(i);
                PointAnalyzer a = PointAnalyzer.of(jac[i], sigma);
                if (frameJac != null) a.trueSubspace(LocalFeatures.of(frameJac[i], sigma).learnedSubspace());
                if (exact.isPresent()) {
                    Posterior pop = exact.get().posterior(xi, sigma);
                    a.trueTangent(refs.manifold().get().tangentBasis(xi))
                            .exactJacobian(pop.jacobian())
                            .scores(g.row(i), pop.score(xi))
                            .populationPosterior(pop);
                }
                if (empirical.isPresent()) {
                    Posterior post = empirical.get().posterior(xi, sigma);
                    a.trainingPosterior(post);
                    if (exact.isEmpty() && frameJac == null && refs.posteriorFrame())
                        a.trueSubspace(LocalFeatures.of(post.jacobian(), sigma).learnedSubspace());
                }
                analyzers.add(a);
            }
            return PointAnalyzer.analyzeAll(analyzers);
        }
    }
}
