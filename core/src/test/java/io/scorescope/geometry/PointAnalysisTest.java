package io.scorescope.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.field.Posterior;
import io.scorescope.math.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointAnalysisTest {
    static final double SIGMA = 0.05, W = 7;
    static final double[] V = {1.0, 0.5, 1e-4};

    /** Rotating Gaussian with every reference supplied; the exact field is the Gaussian without rotation. */
    static PointAnalyzer fullyReferenced() {
        Mat exact = Fixtures.gaussian(V, SIGMA);
        Mat j = exact.plus(Fixtures.spin(3, 0, 1, W));
        double[] x = {0.1, 0.2, 0.3};
        Posterior train = planePosterior(0, 1);
        Posterior pop = planePosterior(1, 2);
        double[] gExact = exact.times(x);
        double[] g = j.times(x);
        g[2] *= 1.1;   // 10% error in the normal component
        return PointAnalyzer.of(j, SIGMA).trueTangent(Fixtures.frame(3, 0, 1)).exactJacobian(exact).scores(g, gExact)
                .trainingPosterior(train).populationPosterior(pop);
    }

    /** Nodes +-0.1 e_i (weight 2) and +-0.1 e_j (weight 1) around x = 0: Cov has distinct top-2 eigenvectors e_i, e_j. */
    static Posterior planePosterior(int i, int j) {
        Mat nodes = new Mat(4, 3);
        nodes.set(0, i, 0.1);
        nodes.set(1, i, -0.1);
        nodes.set(2, j, 0.1);
        nodes.set(3, j, -0.1);
        return Posterior.at(new double[3], SIGMA, nodes, new double[] {Math.log(2), Math.log(2), 0, 0});
    }

    @Test
    void analysisCombinesTheComponentQuantities() {
        PointAnalysis a = fullyReferenced().analyze();
        double s2 = SIGMA * SIGMA, l1 = 1 / (V[0] + s2), l2 = 1 / (V[1] + s2);
        assertEquals(2, a.localDim());
        assertEquals(2, a.blocksTrue().tangentDim());
        assertEquals(Math.sqrt(2) * W / Math.sqrt(l1 * l1 + l2 * l2 + 2 * W * W), a.blocks().rTT(), 1e-10);
        assertEquals(a.blocks().rTT(), a.blocksTrue().rTT(), 1e-10);   // learned split = true split here
        assertEquals(V[2] / (V[2] + s2), a.projectionTrue().normalBlockNorm(), 1e-10);   // M_NN = v3/(v3 + sigma^2)
        assertEquals(a.projectionTrue().normalBlockNorm(), a.projection().normalBlockNorm(), 1e-10);
        assertEquals(a.projectionTrue().normalBlockNorm(), a.exact().projection().normalBlockNorm(), 1e-10);
        assertEquals(2, a.exact().localDim(), 0);
        assertEquals(0.1, a.normalScoreError(), 1e-12);
        assertEquals(1, a.training().overlap(), 1e-12);   // top-2 span(e1, e2) = kept span
        assertEquals(0.5, a.population().overlap(), 1e-12);   // span(e1, e2) vs span(e2, e3)
        assertEquals(-0.5, a.population().normalised(), 1e-12);   // (1/2 - 2/3) / (1 - 2/3)
        assertEquals(a.population(), a.effectiveDensity());
    }

    @Test
    void csvHeaderAndRowAgreeAndCarryTheSpecNames() {
        PointAnalysis a = fullyReferenced().analyze();
        List<String> header = PointAnalysis.csvHeader(3), row = a.csvRow();
        assertEquals(header.size(), row.size());
        for (String name : List.of("singular_values_1", "gains_3", "local_dim", "local_dim_soft", "local_dim_gap", "local_dim_pr",
                "nasym", "r_tt", "r_nn", "r_x", "tangent_share", "normal_share", "cross_share", "tangent_share_baseline",
                "normal_share_baseline", "cross_share_baseline", "rot_tt_gain", "rot_nn_gain", "sign_pairing_2",
                "normal_block_norm", "leakage", "curl_1", "curl_3", "curl_normal_cos2", "conservative_to_roundoff",
                "r_tt_true", "leakage_true", "normal_block_norm_exact", "overlap", "overlap_normalised", "overlap_baseline",
                "jac_err_train", "jac_err_pop", "ess"))
            assertTrue(header.contains(name), name);
        assertEquals(Double.toString(a.blocks().rTT()), row.get(header.indexOf("r_tt")));
        assertEquals("NaN", row.get(header.indexOf("r_x")));
        assertEquals("0", row.get(header.indexOf("conservative_to_roundoff")));
        assertEquals(Double.toString(-2 * W), row.get(header.indexOf("curl_3")));
        assertEquals(Double.toString(a.training().ess()), row.get(header.indexOf("ess")));
        assertFalse(PointAnalysis.csvHeader(5).contains("curl_1"));
        assertEquals(PointAnalysis.csvHeader(5).size(), header.size() - 3 + 3 * 2);
    }

    @Test
    void absentReferencesGiveEmptyCellsAndJsonNulls() {
        PointAnalysis a = PointAnalyzer.of(Fixtures.gaussian(V, SIGMA), SIGMA).analyze();
        List<String> header = PointAnalysis.csvHeader(3), row = a.csvRow();
        assertEquals("", row.get(header.indexOf("r_tt_true")));
        assertEquals("", row.get(header.indexOf("overlap")));
        assertEquals("1", row.get(header.indexOf("conservative_to_roundoff")));
        assertNull(a.blocksTrue());
        ObjectNode json = a.toJson();
        assertTrue(json.get("r_tt_true").isNull());
        assertTrue(json.get("r_tt").isNull());   // NaN: conservative to round-off
        assertTrue(json.get("conservative_to_roundoff").asBoolean());
        assertEquals(3, json.get("gains").size());
        assertEquals(PointAnalysis.columnNames().size(), json.size());
    }

    @Test
    void jsonHoldsArraysAndNumbers() {
        PointAnalysis a = fullyReferenced().analyze();
        ObjectNode json = a.toJson();
        assertEquals(-2 * W, json.get("curl").get(2).asDouble(), 1e-12);
        assertEquals(a.dimension().soft(), json.get("local_dim_soft").asDouble(), 0);
        assertEquals(2, json.get("local_dim").asInt());
        assertFalse(PointAnalyzer.of(Mat.identity(5).scale(-1), 1).analyze().toJson().has("curl"));
    }

    @Test
    void batchedAnalysisEqualsOneByOne() {
        PointAnalyzer second = PointAnalyzer.of(Fixtures.gaussian(new double[] {0.2, 0.3, 0.01}, 0.3).plus(Fixtures.spin(3, 1, 2, 0.5)), 0.3);
        PointAnalysis[] batch = PointAnalyzer.analyzeAll(List.of(fullyReferenced(), second));
        assertEquals(fullyReferenced().analyze().csvRow(), batch[0].csvRow());
        assertEquals(second.analyze().csvRow(), batch[1].csvRow());
    }
}
