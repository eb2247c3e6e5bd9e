package io.scorescope.report;

/**
 * How a report section shows its outcome: the verdict badge of a claim ({@link #of}), or "not evaluated" with a
 * note for sections that state no claim.
 *
 * @param holds true if the rule holds, false if it fails, null if it was not evaluated
 * @param rule  the rule as one line of text, e.g. "median Spearman(sigma, dim) <= -0.7"
 */
public record Badge(Boolean holds, String rule) {
    public Badge { Checks.text(rule, "rule"); }

    /** A claim's verdict: its outcome and its rule with the threshold. */
    public static Badge of(io.scorescope.experiment.Verdict v) {
        String rule = v.rule() + " [" + v.threshold() + "]";
        return new Badge(v.holdsOrNull(), v.evaluated() ? rule : rule + " \u2014 not evaluated: " + v.reason());
    }

    public static Badge holds(String rule) { return new Badge(Boolean.TRUE, rule); }

    public static Badge fails(String rule) { return new Badge(Boolean.FALSE, rule); }

    public static Badge notEvaluated(String rule) { return new Badge(null, rule); }

    /** "holds", "does not hold" or "not evaluated". */
    public String label() {
        return holds == null ? "not evaluated" : holds ? "holds" : "does not hold";
    }

    /** A CSS-friendly key: "holds", "fails" or "none". */
    public String key() {
        return holds == null ? "none" : holds ? "holds" : "fails";
    }
}
