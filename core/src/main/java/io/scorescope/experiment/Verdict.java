package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one verdict rule, printed next to its numbers: holds, does not hold, or not evaluated (with the
 * reason: degenerate inputs such as no normal space, no eligible level or non-finite numbers), the numbers it used
 * (insertion-ordered), its threshold and the rule in one sentence. A claim is never "does not hold" beside
 * undefined numbers: those make it "not evaluated".
 */
public record Verdict(Claim claim, Outcome outcome, Map<String, Double> numbers, String threshold, String rule, String reason) {
    public Verdict {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        if ((outcome == Outcome.NOT_EVALUATED) != (reason != null))
            throw new IllegalArgumentException("a reason is given exactly when a claim is not evaluated");
    }

    /** The three outcomes, with the words the report and summary.json use. */
    public enum Outcome {
        HOLDS("holds"), DOES_NOT_HOLD("does not hold"), NOT_EVALUATED("not evaluated");

        private final String label;

        Outcome(String label) { this.label = label; }

        public String label() { return label; }
    }

    /** A judged claim: holds or does not hold. */
    public static Verdict judged(Claim claim, boolean holds, Map<String, Double> numbers, String threshold, String rule) {
        return new Verdict(claim, holds ? Outcome.HOLDS : Outcome.DOES_NOT_HOLD, numbers, threshold, rule, null);
    }

    /** A claim that its inputs do not allow to judge, and why. */
    public static Verdict notEvaluated(Claim claim, String reason, Map<String, Double> numbers, String threshold, String rule) {
        return new Verdict(claim, Outcome.NOT_EVALUATED, numbers, threshold, rule, reason);
    }

    /** This verdict, or when {@code degenerate} the same numbers not evaluated for {@code reason}. */
    public Verdict orReason(boolean degenerate, String reason) {
        return degenerate ? notEvaluated(claim, reason, numbers, threshold, rule) : this;
    }

    /** True only when the rule was evaluated and holds. */
    public boolean holds() { return outcome == Outcome.HOLDS; }

    public boolean evaluated() { return outcome != Outcome.NOT_EVALUATED; }

    /** true, false, or null when not evaluated (summary.json's "holds"). */
    public Boolean holdsOrNull() { return evaluated() ? holds() : null; }

    /** Writes "holds" (null when not evaluated), "verdict" and "reason" into o. */
    public ObjectNode putOutcome(ObjectNode o) {
        if (evaluated()) o.put("holds", holds()); else o.putNull("holds");
        o.put("verdict", outcome.label());
        if (reason != null) o.put("reason", reason); else o.putNull("reason");
        return o;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("claim", claim.key());
        putOutcome(o);
        ObjectNode n = o.putObject("numbers");
        numbers.forEach((k, v) -> Json.putFinite(n, k, v == null ? Double.NaN : v));
        o.put("threshold", threshold);
        o.put("rule", rule);
        return o;
    }

    /** "A2_dimension_rises: holds {median_spearman=-0.91, ...} threshold <= -0.7 - rule". */
    @Override public String toString() {
        return claim.key() + ": " + outcome.label() + (reason != null ? " (" + reason + ")" : "") + " " + numbers + " threshold "
                + threshold + " - " + rule;
    }
}
