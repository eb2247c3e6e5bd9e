package io.scorescope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.evaluate.Memorisation;
import io.scorescope.evaluate.SampleQuality;
import io.scorescope.experiment.Claim;
import io.scorescope.experiment.ConstrainedMixing;
import io.scorescope.experiment.Verdict;
import io.scorescope.lid.LidResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON has no NaN or infinity: writers emit null, never the strings "NaN" or "Infinity". */
class JsonFiniteTest {
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;

    private static JsonNode writtenAndRead(ObjectNode o) throws Exception {
        String text = Json.toString(o);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        return Json.MAPPER.readTree(text);
    }

    @Test
    void putFiniteAndAddFiniteWriteNullForNonFiniteValues() throws Exception {
        ObjectNode o = Json.putFinite(Json.putFinite(Json.putFinite(Json.object(), "a", 1.5), "b", NAN), "c", -INF);
        Json.addFinite(Json.addFinite(o.putArray("d"), INF), 2.0);
        JsonNode r = writtenAndRead(o);
        assertEquals(1.5, r.get("a").asDouble());
        assertTrue(r.get("b").isNull() && r.get("c").isNull() && r.get("d").get(0).isNull(), r.toString());
        assertEquals(2.0, r.get("d").get(1).asDouble());
    }

    @Test
    void constrainedMixingWithUndefinedNumbersSerialisesThemAsNull() throws Exception {
        ConstrainedMixing m = new ConstrainedMixing("test", 0.1, 4, 100, 0.001, new int[] {25, 50, 100},
                new double[] {0.1, NAN, 0.3}, new double[] {0.2, 0.2, 0},
                NAN, 0, NAN, INF);
        JsonNode r = writtenAndRead(m.toJson());
        assertTrue(r.get("transport_model").get(1).isNull(), r.toString());
        assertTrue(r.get("transport_ratio").isNull(), r.toString());   // 0.3 / 0
        assertTrue(r.get("distance_ratio").isNull() && r.get("autocorr_control").isNull(), r.toString());
        assertEquals(0.3, r.get("transport_model").get(2).asDouble());
    }

    @Test
    void memorisationWithZeroHeldOutDistancesSerialisesTheRatioAsNull() throws Exception {
        Memorisation m = new Memorisation(new double[] {1, 2}, new int[] {0, 1}, new double[] {0, 0}, INF, NAN);
        JsonNode r = writtenAndRead(m.toJson());
        assertTrue(r.get("memorisation_ratio").isNull() && r.get("copy_fraction").isNull(), r.toString());
        assertEquals(0.0, r.get("heldout_nn_distance_median").asDouble());
    }

    @Test
    void sampleQualityVerdictAndLidResultWriteNullToo() throws Exception {
        SampleQuality q = new SampleQuality(NAN, 1, 1, 1, INF, NAN, 0, new String[] {"a"}, new double[] {NAN},
                new double[] {0.5}, NAN, NAN, INF);
        JsonNode r = writtenAndRead(q.toJson());
        assertTrue(r.get("distance_median").isNull() && r.path("proportions").path("a").get("true").isNull(), r.toString());
        assertTrue(r.path("two_sample").get("null_level").isNull(), r.toString());

        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("x", NAN);
        numbers.put("y", null);
        numbers.put("z", 0.5);
        JsonNode v = writtenAndRead(Verdict.judged(Claim.A3_NONCONSERVATIVE_WITHIN, false, numbers, "> 0", "rule").toJson());
        assertTrue(v.path("numbers").get("x").isNull() && v.path("numbers").get("y").isNull(), v.toString());

        LidResult lid = new LidResult("mle", "rule", new double[] {NAN}, null, INF, "global", 0.1);
        JsonNode l = writtenAndRead(lid.summaryJson());
        assertTrue(l.get("global").isNull() && l.get("mean").isNull(), l.toString());
    }
}
