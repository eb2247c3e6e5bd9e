package io.scorescope.geometry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.util.Map;

/**
 * The outcome of one verdict rule, printed next to its numbers: whether it holds, the numbers it used
 * (insertion-ordered), its threshold and the rule in one sentence.
 */
public record Verdict(String claim, boolean holds, Map<String, Double> numbers, String threshold, String rule) {
    public Verdict { numbers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(numbers)); }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("claim", claim);
        o.put("holds", holds);
        ObjectNode n = o.putObject("numbers");
        numbers.forEach((k, v) -> Json.putFinite(n, k, v == null ? Double.NaN : v));
        o.put("threshold", threshold);
        o.put("rule", rule);
        return o;
    }

    /** "A2-rise: holds {median_spearman=-0.91, ...} threshold <= -0.7 - rule". */
    @Override public String toString() {
        return claim + ": " + (holds ? "holds" : "does not hold") + " " + numbers + " threshold " + threshold + " - " + rule;
    }
}
