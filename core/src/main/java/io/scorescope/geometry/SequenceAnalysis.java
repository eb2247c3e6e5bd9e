package io.scorescope.geometry;

import io.scorescope.data.Manifold;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.Posterior;
import io.scorescope.field.ScoreField;
import io.scorescope.field.SmoothedEmpiricalField;
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
 * sequence's whole range.
 */
public final class SequenceAnalysis {
    private SequenceAnalysis() {}

    /** What to compare against. Empty options switch the corresponding columns off. */
    public record References(Optional<Manifold> manifold, Optional<Mat> trainingPoints) {
        public static References none() { return new References(Optional.empty(), Optional.empty()); }
    }

    /**
     * Step indices of K levels: the recorded steps nearest in log sigma to sigma_max (sigma_min/sigma_max)^(j/(K-1)),
     * j = 0..K-1, without repeats (fewer than K when the sequence has fewer distinct steps).
     */
    public static int[] levelSteps(double[] sigmas, int k) {
        if (k < 1) throw new IllegalArgumentException("need at least one level");
        double hi = sigmas[0], lo = sigmas[sigmas.length - 1];
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double target = k == 1 ? lo : Math.log(hi) + (Math.log(lo) - Math.log(hi)) * j / (k - 1);
            int best = 0;
            for (int i = 1; i < sigmas.length; i++)
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
            List<PointAnalyzer> analyzers = new ArrayList<>();
            for (int i = 0; i < x.rows(); i++) {
                double[] xi = x.row(i);
                PointAnalyzer a = PointAnalyzer.of(jac[i], sigma);
                if (exact.isPresent()) {
                    Posterior pop = exact.get().posterior(xi, sigma);
                    a.trueTangent(refs.manifold().get().tangentBasis(xi))
                            .exactJacobian(pop.jacobian())
                            .scores(g.row(i), pop.score(xi))
                            .populationPosterior(pop);
                }
                if (empirical.isPresent()) a.trainingPosterior(empirical.get().posterior(xi, sigma));
                analyzers.add(a);
            }
            return PointAnalyzer.analyzeAll(analyzers);
        }
    }
}
