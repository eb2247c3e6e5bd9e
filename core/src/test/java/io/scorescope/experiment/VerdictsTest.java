package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.Asymmetry;
import io.scorescope.geometry.AnalysisTable.Row;
import io.scorescope.geometry.Fixtures;
import io.scorescope.geometry.PointAnalyzer;
import io.scorescope.math.Mat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    /** Geometric levels 2 -> 0.01 (K = 8). */
    static final double[] LEVELS = {2, 0.94, 0.44, 0.21, 0.097, 0.046, 0.021, 0.01};

    /** One sequence per variance vector; at each level J = -(diag(v) + sigma^2)^-1, so local_dim = #{v_i > sigma^2}. */
    static AnalysisTable gaussianSequences(double[]... variances) {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < variances.length; s++)
            for (int l = 0; l < LEVELS.length; l++)
                rows.add(new Row(s, l, LEVELS[l], PointAnalyzer.of(Fixtures.gaussian(variances[s], LEVELS[l]), LEVELS[l]).analyze()));
        return new AnalysisTable(rows);
    }

    /** Two levels (sigma 0.5 and 0.05) of three sequences with the analyzer built per sigma. */
    static AnalysisTable table(DoubleFunction<PointAnalyzer> at) {
        List<Row> rows = new ArrayList<>();
        double[] sig = {0.5, 0.05};
        for (int s = 0; s < 3; s++) for (int l = 0; l < 2; l++) rows.add(new Row(s, l, sig[l], at.apply(sig[l]).analyze()));
        return new AnalysisTable(rows);
    }

    /** D = 3, T = span(e1, e2), thin normal direction, plus the given rotation. */
    static PointAnalyzer surface(double sigma, Mat rotation) {
        return PointAnalyzer.of(Fixtures.gaussian(new double[] {1, 0.5, 1e-4}, sigma).plus(rotation), sigma)
                .trueTangent(Fixtures.frame(3, 0, 1));
    }

    @Test
    void a2RiseHoldsWhenDimensionGrowsAsSigmaFalls() {
        // dims per level: 0 0 1 1 2 2 2 2 (v = 0.5 appears below sigma^2 = 0.5, v = 0.02.. below 0.02)
        Verdict v = Verdicts.a2Rise(gaussianSequences(new double[] {0.5, 0.02, 1e-6}, new double[] {0.5, 0.03, 1e-6}, new double[] {0.6, 0.04, 1e-6}));
        assertTrue(v.holds(), v.toString());
        // every sequence has dims (0, 0, 1, 1, 2, 2, 2, 2): rho = -0.9258200997725514 (scipy.stats.spearmanr)
        assertEquals(-0.9258200997725514, v.numbers().get("median_spearman"), 1e-12);
    }

    @Test
    void a2RiseFailsForConstantDimension() {
        Verdict v = Verdicts.a2Rise(gaussianSequences(new double[] {100, 100, 100}, new double[] {50, 60, 70}));
        assertFalse(v.holds());
        assertEquals(0, v.numbers().get("median_spearman"), 0);
    }

    @Test
    void a2SpreadHoldsWhenSequencesDivergeAtSmallSigma() {
        // at the four smallest levels sequence 0 has dim 1, sequence 1 dim 2: s.d. 1/sqrt(2); upper half all equal
        Verdict v = Verdicts.a2Spread(gaussianSequences(new double[] {0.5, 1e-5, 1e-6}, new double[] {0.5, 0.02, 1e-6}));
        assertTrue(v.holds(), v.toString());
        assertEquals(Math.sqrt(0.5), v.numbers().get("sd_lower_half"), 1e-12);
        assertEquals(0, v.numbers().get("sd_upper_half"), 0);
    }

    @Test
    void a2SpreadFailsForIdenticalSequences() {
        double[] v = {0.5, 0.02, 1e-6};
        Verdict verdict = Verdicts.a2Spread(gaussianSequences(v, v, v));
        assertFalse(verdict.holds());
        assertEquals(0, verdict.numbers().get("difference"), 0);
    }

    @Test
    void a3HoldsForMaterialTangentRotation() {
        Verdict v = Verdicts.a3(table(s -> surface(s, Fixtures.spin(3, 0, 1, 7))), 0.1, Verdicts.Frame.REFERENCE);
        assertTrue(v.holds(), v.toString());
        assertEquals(3, v.numbers().get("points"), 0);   // only sigma = 0.05 rows
        assertEquals(1, v.numbers().get("median_tangent_share"), 1e-10);
    }

    @Test
    void a3FailsOnEachCondition() {
        Verdict immaterial = Verdicts.a3(table(s -> surface(s, Fixtures.spin(3, 0, 1, 0.01))), 0.1, Verdicts.Frame.REFERENCE);
        assertFalse(immaterial.holds());
        assertTrue(immaterial.numbers().get("median_r_tt") < 0.05);
        Verdict cross = Verdicts.a3(table(s -> surface(s, Fixtures.spin(3, 0, 2, 7))), 0.1, Verdicts.Frame.REFERENCE);
        assertFalse(cross.holds());
        assertEquals(0, cross.numbers().get("median_tangent_share"), 1e-10);
        Verdict conservative = Verdicts.a3(table(s -> surface(s, new Mat(3, 3))), 0.1, Verdicts.Frame.REFERENCE);
        assertFalse(conservative.holds());
        assertTrue(conservative.numbers().get("median_rel_asym") < Asymmetry.ROUNDOFF_FLOOR);
    }

    /** Learned split, every direction kept (local dim = D): material rotation, but no normal space to compare with. */
    @Test
    void a3FailsWithoutANormalSpace() {
        Verdict v = Verdicts.a3(table(s -> PointAnalyzer.of(Fixtures.gaussian(new double[] {1, 0.5, 1}, s).plus(Fixtures.spin(3, 0, 1, 7)), s)), 0.1, Verdicts.Frame.REFERENCE);
        assertEquals(0, v.numbers().get("median_codim"), 0);
        assertTrue(v.numbers().get("median_r_tt") >= 0.05, v.toString());
        assertFalse(v.holds(), v.toString());
    }

    /** D = 5, T = span(e1, e2): tangent rotation 60, normal rotation wb; at sigma = 0.05 r_TT ~ 1, r_NN grows with wb. */
    static AnalysisTable codimThree(double wb) {
        return table(s -> PointAnalyzer.of(Fixtures.gaussian(new double[] {1, 0.5, 1e-4, 1e-4, 1e-4}, s)
                .plus(Fixtures.spin(5, 0, 1, 60)).plus(Fixtures.spin(5, 2, 3, wb)), s).trueTangent(Fixtures.frame(5, 0, 1)));
    }

    @Test
    void a3CodimensionRuleNeedsTangentRatioThreeTimesNormal() {
        Verdict strong = Verdicts.a3(codimThree(20), 0.1, Verdicts.Frame.REFERENCE);
        assertTrue(strong.holds(), strong.toString());
        Verdict weak = Verdicts.a3(codimThree(175), 0.1, Verdicts.Frame.REFERENCE);
        assertFalse(weak.holds());
        // the share test passes (3600/(3600 + 175^2) = 0.105 >= 0.1); only r_TT/r_NN < 3 fails it
        assertEquals(3600 / (3600 + 175.0 * 175), weak.numbers().get("median_tangent_share"), 1e-10);
        assertTrue(weak.numbers().get("median_tangent_share") >= weak.numbers().get("median_tangent_share_baseline"));
        assertTrue(weak.numbers().get("r_tt_over_r_nn") < 3 && weak.numbers().get("median_r_tt") >= 0.05);
    }

    @Test
    void a4HoldsForExactNormalRemoval() {
        Verdict v = Verdicts.a4(table(s -> PointAnalyzer.of(Fixtures.gaussian(new double[] {1, 1, 0}, s), s).trueTangent(Fixtures.frame(3, 0, 1))), 0.1, Verdicts.Frame.REFERENCE);
        assertTrue(v.holds(), v.toString());
        assertEquals(0, v.numbers().get("median_normal_block_norm"), 1e-12);
        assertEquals(Double.NaN, v.numbers().get("median_normal_score_rel_err"));   // not known: not required
    }

    @Test
    void a4FailsOnNormalBlockLeakageOrScoreError() {
        Verdict thick = Verdicts.a4(table(s -> PointAnalyzer.of(Fixtures.gaussian(new double[] {1, 1, 0.01}, s), s).trueTangent(Fixtures.frame(3, 0, 1))), 0.1, Verdicts.Frame.REFERENCE);
        assertFalse(thick.holds());
        assertEquals(0.01 / (0.01 + 0.0025), thick.numbers().get("median_normal_block_norm"), 1e-10);
        Verdict leaky = Verdicts.a4(table(s -> {
            Mat j = Fixtures.gaussian(new double[] {1, 1, 0}, s);
            j.set(2, 0, 0.5 / (s * s));   // sigma^2 J_N,T = 0.5
            return PointAnalyzer.of(j, s).trueTangent(Fixtures.frame(3, 0, 1));
        }), 0.1, Verdicts.Frame.REFERENCE);
        assertFalse(leaky.holds());
        assertEquals(0.5, leaky.numbers().get("median_leakage"), 1e-10);
        Verdict wrongScore = Verdicts.a4(table(s -> PointAnalyzer.of(Fixtures.gaussian(new double[] {1, 1, 0}, s), s)
                .trueTangent(Fixtures.frame(3, 0, 1)).scores(new double[] {0, 0, 1.5}, new double[] {0, 0, 1})), 0.1, Verdicts.Frame.REFERENCE);
        assertFalse(wrongScore.holds());
        assertEquals(0.5, wrongScore.numbers().get("median_normal_score_rel_err"), 1e-12);
    }

    /** k = 1 along e1 (v = (1, ~0, ~0)); the population posterior lies along e1 (aligned) or e2 (orthogonal). */
    static AnalysisTable overlapTable(double[] posteriorDirection) {
        return table(s -> PointAnalyzer.of(Fixtures.gaussian(new double[] {1, 1e-6, 1e-6}, s), s)
                .populationPosterior(Fixtures.linePosterior(posteriorDirection, s, 3)));
    }

    @Test
    void a5HoldsForAlignedAndFailsForOrthogonalEffectiveDensity() {
        Verdict aligned = Verdicts.a5(overlapTable(new double[] {1, 0, 0}));
        assertTrue(aligned.holds(), aligned.toString());
        assertEquals(1, aligned.numbers().get("median_normalised_overlap"), 1e-12);
        assertEquals(6, aligned.numbers().get("points"), 0);
        Verdict orthogonal = Verdicts.a5(overlapTable(new double[] {0, 1, 0}));
        assertFalse(orthogonal.holds());
        assertEquals(-0.5, orthogonal.numbers().get("median_normalised_overlap"), 1e-12);
    }

    @Test
    void a6NeedsBothRatios() {
        assertTrue(Verdicts.a6(List.of(ConstrainedMixingTest.mixing(0.95, 1.05))).holds());
        assertEquals(Verdict.Outcome.DOES_NOT_HOLD, Verdicts.a6(List.of(ConstrainedMixingTest.mixing(0.5, 1.0))).outcome());
        assertEquals(Verdict.Outcome.DOES_NOT_HOLD, Verdicts.a6(List.of(ConstrainedMixingTest.mixing(1.0, 1.5))).outcome());
        assertEquals(Verdict.Outcome.NOT_EVALUATED, Verdicts.a6(List.of(ConstrainedMixingTest.mixing(Double.NaN, 1.0))).outcome());
        assertEquals(Verdict.Outcome.NOT_EVALUATED, Verdicts.a6(List.of()).outcome());
    }

    @Test
    void verdictsWithoutSmallSigmaRowsAreNotEvaluatedAndSerialise() {
        AnalysisTable bigSigma = gaussianSequences(new double[] {1, 1, 1});
        AnalysisTable onlyLarge = new AnalysisTable(bigSigma.rows().stream().filter(r -> r.sigma() > 0.1).toList());
        Verdict a3 = Verdicts.a3(onlyLarge, 0.1, Verdicts.Frame.REFERENCE);
        assertEquals(Verdict.Outcome.NOT_EVALUATED, a3.outcome());
        assertEquals(Verdict.Outcome.NOT_EVALUATED, Verdicts.a4(onlyLarge, 0.1, Verdicts.Frame.REFERENCE).outcome());
        // the same rows judged with a cut scaled by a noise unit of 10 (sigma <= 1) have levels again
        Verdict scaled = Verdicts.a4(onlyLarge, Verdicts.smallSigma(10), Verdicts.Frame.REFERENCE);
        assertTrue(scaled.numbers().get("points") > 0, scaled.toString());
        var json = a3.toJson();
        assertTrue(json.get("holds").isNull());
        assertEquals("not evaluated", json.get("verdict").asText());
        assertTrue(json.get("reason").asText().startsWith("no level at sigma <="), json.toString());
        assertEquals("A3_nonconservative_within", json.get("claim").asText());
        assertTrue(json.get("numbers").get("median_r_tt").isNull());
        assertFalse(json.get("rule").asText().isEmpty());
        assertEquals(5, Verdicts.all(bigSigma, 0.1).size());
    }

    /** Every direction kept (variances far above sigma^2): the own split has no normal space. */
    @Test
    void withoutANormalSpaceA3AndA4AreNotEvaluated() {
        AnalysisTable t = table(s -> PointAnalyzer.of(Fixtures.gaussian(new double[] {100, 100, 100}, s).plus(Fixtures.spin(3, 0, 1, 0.5)), s));
        Verdict a3 = Verdicts.a3(t, 0.1, Verdicts.Frame.OWN), a4 = Verdicts.a4(t, 0.1, Verdicts.Frame.OWN);
        assertEquals(Verdict.Outcome.NOT_EVALUATED, a3.outcome(), a3.toString());
        assertTrue(a3.reason().startsWith("no normal space"), a3.reason());
        assertEquals(Verdict.Outcome.NOT_EVALUATED, a4.outcome(), a4.toString());
        assertTrue(a4.reason().startsWith("no normal space"), a4.reason());
    }

    @Test
    void a2IsNotEvaluatedWithoutLevelsOrSequencesToCompare() {
        AnalysisTable three = gaussianSequences(new double[] {1, 1, 1});
        AnalysisTable oneLevel = new AnalysisTable(three.rows().stream().filter(r -> r.level() == 0).toList());
        Verdict rise = Verdicts.a2Rise(oneLevel), spread = Verdicts.a2Spread(oneLevel), oneSequence = Verdicts.a2Spread(three);
        assertEquals(Verdict.Outcome.NOT_EVALUATED, rise.outcome(), rise.toString());
        assertEquals(Verdict.Outcome.NOT_EVALUATED, spread.outcome(), spread.toString());
        assertEquals(Verdict.Outcome.NOT_EVALUATED, oneSequence.outcome(), oneSequence.toString());
        assertTrue(Verdicts.a2Rise(three).evaluated());
    }

    @Test
    void a5IsNotEvaluatedWithoutAnEligibleLevel() {
        Verdict none = Verdicts.a5(gaussianSequences(new double[] {1, 0.5, 1e-4}));   // no posterior at all
        assertEquals(Verdict.Outcome.NOT_EVALUATED, none.outcome(), none.toString());
        assertEquals(0, none.numbers().get("eligible_levels"), 0);
    }

    @Test
    void aFieldConservativeToRoundOffDoesNotHoldA3RatherThanBeingNotEvaluated() {
        Verdict v = Verdicts.a3(table(s -> surface(s, new Mat(3, 3))), 0.1, Verdicts.Frame.REFERENCE);
        assertEquals(Verdict.Outcome.DOES_NOT_HOLD, v.outcome(), v.toString());
    }

    /** A training posterior of 2 n equally weighted points +-0.1 u (ESS exactly 2 n). */
    static AnalysisTable trainingTable(double[] u, int n) {
        return table(s -> {
            io.scorescope.math.Mat y = new io.scorescope.math.Mat(2 * n, 3);
            for (int i = 0; i < n; i++) {
                y.setRow(2 * i, io.scorescope.math.Vec.scale(0.1, u));
                y.setRow(2 * i + 1, io.scorescope.math.Vec.scale(-0.1, u));
            }
            return PointAnalyzer.of(Fixtures.gaussian(new double[] {1, 1e-6, 1e-6}, s), s)
                    .trainingPosterior(io.scorescope.field.Posterior.at(new double[3], s, y, new double[2 * n]));
        });
    }

    @Test
    void a5JudgesOnlyLevelsWhoseTrainingPosteriorHasAnEssOfTenOrMore() {
        Verdict few = Verdicts.a5(trainingTable(new double[] {1, 0, 0}, 4));     // ESS 8 < 10
        Verdict many = Verdicts.a5(trainingTable(new double[] {1, 0, 0}, 5));    // ESS 10
        assertEquals(Verdict.Outcome.NOT_EVALUATED, few.outcome(), few.toString());
        assertEquals(Verdict.Outcome.HOLDS, many.outcome(), many.toString());
        assertEquals(2, many.numbers().get("eligible_levels"), 0);
        Verdict orthogonal = Verdicts.a5(trainingTable(new double[] {0, 1, 0}, 5));
        assertEquals(Verdict.Outcome.DOES_NOT_HOLD, orthogonal.outcome(), orthogonal.toString());
    }
}
