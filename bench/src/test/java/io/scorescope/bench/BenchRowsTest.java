package io.scorescope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parent's bookkeeping for the U-Net row (no child JVM, no native code): parity checks, fairness, failed rows. */
class BenchRowsTest {
    @Test
    void unetShapeIsTheD784ImageWithSeventeenNoiseFeatures() {
        assertEquals(784, Shapes.UNET.dim());
        assertEquals(17, Shapes.UNET.features());
        assertEquals("train_unet_d784", Shapes.UNET.key());
        assertThrows(IllegalArgumentException.class, () -> new Shapes.Unet("k", 1, 28, 12, 64, 1));   // 12 channels: no 8 groups
    }

    @Test
    void parameterCountsMustBeEqual() {
        assertNull(Shapes.paramsMismatch(362625, 362625));
        String why = Shapes.paramsMismatch(362625, 362624);
        assertNotNull(why);
        assertTrue(why.contains("362625") && why.contains("362624"), why);
    }

    @Test
    void firstLossesMustAgreeToTheToleranceAndBeFinite() {
        assertNull(Shapes.lossMismatch(1.0121195, 1.0121195));
        assertNull(Shapes.lossMismatch(1.0, 1.0 + 0.5 * Shapes.LOSS_TOLERANCE));
        assertNotNull(Shapes.lossMismatch(1.0, 1.0 + 2 * Shapes.LOSS_TOLERANCE));
        assertNotNull(Shapes.lossMismatch(Double.NaN, Double.NaN));
        assertNotNull(Shapes.lossMismatch(1.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void baselineUnetIsHandedToOurChildOnlyWhenItsRowProducedBoth() {
        assertEquals(List.of(), BenchMain.unetProperties(null));
        assertEquals(List.of(), BenchMain.unetProperties(Json.object().put("params", 5)));
        List<String> p = BenchMain.unetProperties(Json.object().put("params", 362625).put("first_loss", 1.25));
        assertEquals(List.of("-D" + Shapes.BASELINE_UNET_PARAMS + "=362625", "-D" + Shapes.BASELINE_UNET_LOSS + "=1.25"), p);
    }

    @Test
    void fairRequiresTheUnetRowToKeepTheThreadCountOnBothSides() {
        assertTrue(BenchMain.fair(1, settings(1, true), settings(1, false)));
        ObjectNode ours = settings(1, true).put("torch_intra_op_unet", 2);   // e.g. the engine's all-cores policy left in place
        assertFalse(BenchMain.fair(1, ours, settings(1, false)));
        ObjectNode baseline = settings(1, false);
        baseline.remove("torch_intra_op_unet");
        assertFalse(BenchMain.fair(1, settings(1, true), baseline));
        ObjectNode env = settings(1, true);
        ((ObjectNode) env.get("env")).put("SCORESCOPE_THREADS", "2");
        assertFalse(BenchMain.fair(1, env, settings(1, false)));
    }

    @Test
    void rowCarriesRatioOrTheReasonsItFailed() {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        BenchMain.row(rows, "k", 1, true, child("k", 80.0, null), child("k", 40.0, null), 1, "samples/s", true);
        assertEquals(2.0, rows.get(0).get("ratio").asDouble(), 1e-12);
        assertFalse(rows.get(0).has("error"));

        BenchMain.row(rows, "k", 1, true, child("k", null, "ours: parameter counts differ"), child("k", 40.0, null), 1, "samples/s", true);
        JsonNode failed = rows.get(1);
        assertEquals("ours: parameter counts differ", failed.get("error").asText());
        assertFalse(failed.has("ratio") || failed.has("ours") || failed.has("baseline"));

        BenchMain.row(rows, "k", 1, true, child("k", null, "ours: x"), child("k", null, "baseline: y"), 1, "samples/s", true);
        assertEquals("baseline: y; ours: x", rows.get(2).get("error").asText());
    }

    /** A child's thread settings as both children report them (ours adds OpenBLAS). */
    private static ObjectNode settings(int n, boolean ours) {
        ObjectNode s = Json.object().put("torch_intra_op", n).put("torch_intra_op_after", n).put("torch_intra_op_unet", n);
        if (ours) s.put("openblas", n);
        ObjectNode env = s.putObject("env");
        for (String k : Threads.ENV) env.put(k, Integer.toString(n));
        return s;
    }

    private static ObjectNode child(String key, Double value, String error) {
        ObjectNode c = Json.object();
        ObjectNode values = c.putObject("values");
        if (value != null) values.put(key, value);
        if (error != null) c.putObject("errors").put(key, error);
        c.set("threads", settings(1, true));
        c.putObject("cpu_per_wall").putObject(key).put("compute", 1.0);
        return c;
    }
}
