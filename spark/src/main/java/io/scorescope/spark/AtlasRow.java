package io.scorescope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.experiment.Claim;
import io.scorescope.io.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * One atlas row (a cell's cell.json): the cell hash; the axis values as resolved by the run (data, kind, budget,
 * seed, the model's parameterisation, width, depth and training steps); per claim the verdict ("holds", "does not
 * hold", "not evaluated") of the model, the exact field and the control, and every number of the model's verdict
 * (summary.json's top-level numbers of the claim); A3's numbers per noise band ({@link NoiseBands}); whether a report
 * was written; and the timings (total and per stage, seconds). Column names are {@code <claim key>__<number>}.
 */
public final class AtlasRow {
    public static final String SEP = "__";

    private AtlasRow() {}

    public static ObjectNode of(CellSpec spec, ObjectNode summary, ObjectNode bands) {
        ObjectNode o = Json.object();
        JsonNode model = summary.path("models").path("model");
        o.put("cell", spec.hash()).put("data", summary.path("data").asText()).put("kind", summary.path("kind").asText())
                .put("budget", summary.path("budget").asText()).put("seed", spec.seed())
                .put("parameterisation", model.path("spec").path("parameterisation").asText())
                .put("width", model.path("spec").path("hidden").asInt()).put("depth", model.path("spec").path("depth").asInt())
                .put("train_steps", model.path("training").path("steps").asInt());
        JsonNode claims = summary.path("claims");
        for (Claim c : Claim.values()) {
            JsonNode claim = claims.path(c.key());
            String k = c.key() + SEP;
            o.put(k + "verdict", claim.path("verdict").asText());
            o.put(k + "reason", claim.path("reason").isTextual() ? claim.path("reason").asText() : null);
            o.put(k + "exact_verdict", claim.path("exact").isObject() ? claim.path("exact").path("verdict").asText() : null);
            o.put(k + "control_verdict", claim.path("control").isObject() ? claim.path("control").path("verdict").asText() : null);
            for (Iterator<Map.Entry<String, JsonNode>> it = claim.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber()) o.put(k + e.getKey(), e.getValue().asDouble());
                else if (e.getValue().isNull() && !java.util.List.of("exact", "holds", "reason").contains(e.getKey())) o.putNull(k + e.getKey());
            }
            if (c == Claim.A3_NONCONSERVATIVE_WITHIN)
                for (String band : NoiseBands.BANDS)
                    bands.path(band).fields().forEachRemaining(e -> o.set(k + "band_" + band + SEP + e.getKey(), e.getValue()));
        }
        o.put("report", spec.report());
        o.put("seconds", summary.path("seconds").asDouble());
        summary.path("stage_seconds").fields().forEachRemaining(e -> o.put("seconds" + SEP + e.getKey(), e.getValue().asDouble()));
        return o;
    }
}
