package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.data.KSphere;
import io.scorescope.data.Manifolds;
import io.scorescope.math.Mat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pure pieces of the experiment: noise scale, the Figure-1 frame, summary key names, budgets. */
class ExperimentPartsTest {

    @Test
    void noiseScaleIsTheRmsNormButNeverBelowOne() {
        Mat unitSphere = Manifolds.byName("sphere").sample(500, 1);
        assertEquals(1.0, DataKind.noiseScale(unitSphere), 1e-12);
        assertEquals(3.0, DataKind.noiseScale(unitSphere.scale(3)), 1e-12);
        assertEquals(1.0, DataKind.noiseScale(unitSphere.scale(0.2)), 0);
        // RMS of |(3,4)| and |(0,0)| = sqrt(25/2)
        assertEquals(Math.sqrt(12.5), DataKind.noiseScale(Mat.of(new double[][] {{3, 4}, {0, 0}})), 1e-12);
    }

    /**
     * Levels stop at the analysis ceiling: on a geometric schedule 20 -> 0.01 (sigma_i = 20 * 2000^(-i/100)), a
     * ceiling of 2 starts the grid at the largest recorded sigma <= 2 and still ends at sigma_min; without a ceiling
     * the grid is the whole range.
     */
    @Test
    void analysisLevelsLieAtOrBelowTheCeilingAndEndAtSigmaMin() {
        double[] sigmas = new double[101];
        for (int i = 0; i <= 100; i++) sigmas[i] = 20 * Math.pow(2000, -i / 100.0);
        int[] whole = SequenceAnalysis.levelSteps(sigmas, 5);
        assertEquals(List.of(0, 25, 50, 75, 100), java.util.Arrays.stream(whole).boxed().toList());
        int first = 0;
        while (sigmas[first] > 2) first++;   // i = 31: 20 * 2000^(-0.31) = 1.90; i = 30: 2.04
        assertEquals(31, first);
        int[] capped = SequenceAnalysis.levelSteps(sigmas, 5, 2.0);
        assertEquals(5, capped.length);
        assertEquals(first, capped[0]);
        assertEquals(100, capped[4]);
        for (int step : capped) assertTrue(sigmas[step] <= 2.0, "level at sigma " + sigmas[step]);
        // a ceiling equal to a recorded level keeps it (up to rounding of the schedule)
        assertEquals(30, SequenceAnalysis.levelSteps(sigmas, 5, sigmas[30] * (1 - 1e-12))[0]);
        assertEquals(List.of(0, 25, 50, 75, 100), java.util.Arrays.stream(SequenceAnalysis.levelSteps(sigmas, 5, 20.0)).boxed().toList());
    }

    /** U-Nets at D >= 256 get the smaller analysis, mixing and quality plan; smaller images and the training fields do not change. */
    @Test
    void convolutionalPlanCapsTheCostlyStagesOnlyForLargeImages() {
        ImageBudget full = ImageBudget.FULL.forDim(784), conv = full.forConvolutional(784);
        assertEquals(List.of(2, 5, 32, 100, 200), List.of(conv.sequences(), conv.levels(), conv.mixingChains(), conv.mixingSteps(), conv.qualitySamples()));
        assertEquals(List.of(full.hidden(), full.trainSteps(), full.batch(), full.samplerSteps()),
                List.of(conv.hidden(), conv.trainSteps(), conv.batch(), conv.samplerSteps()));
        ImageBudget quick = ImageBudget.QUICK.forDim(784).forConvolutional(784);
        assertEquals(List.of(1, 4, 16, 50, 64), List.of(quick.sequences(), quick.levels(), quick.mixingChains(), quick.mixingSteps(), quick.qualitySamples()));
        ImageBudget tiny = ImageBudget.TINY.forDim(784).forConvolutional(784);
        assertEquals(List.of(1, 4, 16, 40, 64), List.of(tiny.sequences(), tiny.levels(), tiny.mixingChains(), tiny.mixingSteps(), tiny.qualitySamples()));
        assertEquals(ImageBudget.QUICK, ImageBudget.QUICK.forConvolutional(64));
    }

    @Test
    void figureFrameIsTheIdentityInThreeDimensionsAndTheEmbeddingSpanOtherwise() {
        assertEquals(Mat.identity(3), FigureOne.frame(Manifolds.byName("sphere").sample(50, 2)));
        KSphere k = (KSphere) Manifolds.byName("ksphere:k=2,D=5");
        Mat frame = FigureOne.frame(k.sample(400, 3));
        assertEquals(5, frame.rows());
        assertEquals(3, frame.cols());
        // the 2-sphere spans exactly the 3-D column space of its embedding frame Q: P_frame = Q Q^T
        assertTrue(Mat.projector(frame).minus(Mat.projector(k.frame())).maxAbs() < 1e-9);
        double[][] p = FigureOne.project(FigureOne.frame(Manifolds.byName("circle").sample(50, 4)), Mat.of(new double[][] {{1, 0}}));
        assertEquals(0, p[0][2], 0, "D = 2 is drawn in the plane z = 0");
        assertEquals(1, Math.hypot(p[0][0], p[0][1]), 1e-12);
    }

    @Test
    void summaryRenamesMediansAndWritesUndefinedNumbersAsNull() {
        Map<String, Double> n = new LinkedHashMap<>();
        n.put("median_r_tt", 0.25);
        n.put("median_r_nn", Double.NaN);
        n.put("points", 7.0);
        JsonNode o = Summary.numbers(Verdict.judged(Claim.A2_DIMENSION_RISES, true, n, "t", "rule"), null);
        assertTrue(o.get("holds").asBoolean());
        assertEquals(0.25, o.get("r_tt_median").asDouble(), 0);
        assertTrue(o.get("r_nn_median").isNull());
        assertEquals(7.0, o.get("points").asDouble(), 0);
        assertEquals(6, o.size());   // holds, verdict, reason and the three numbers
        assertEquals("holds", o.get("verdict").asText());
        assertTrue(o.get("reason").isNull());
    }

    @Test
    void claimsHaveOneUniqueKeyAndBudgetsResolveByName() {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Claim c : Claim.values()) {
            assertTrue(keys.add(c.key()), c.key());
            assertEquals(c, Claim.byKey(c.key()));
        }
        assertEquals(6, keys.size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Claim.byKey("A2-rise"));
        for (Budget b : Budget.ALL) assertEquals(b, Budget.byName(b.name()));
        assertTrue(Budget.QUICK.trainSteps() < Budget.FULL.trainSteps());
    }
}
