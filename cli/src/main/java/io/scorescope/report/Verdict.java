package io.scorescope.report;

/**
 * Outcome of a claim's verdict rule.
 *
 * @param holds true if the rule holds, false if it fails, null if it was not evaluated
 * @param rule  the rule as one line of text, e.g. "median Spearman(sigma, dim) <= -0.7"
 */
public record Verdict(Boolean holds, String rule) {
    public Verdict { Checks.text(rule, "rule"); }

    public static Verdict holds(String rule) { return new Verdict(Boolean.TRUE, rule); }

    public static Verdict fails(String rule) { return new Verdict(Boolean.FALSE, rule); }

    public static Verdict notEvaluated(String rule) { return new Verdict(null, rule); }

    /** "holds", "does not hold" or "not evaluated". */
    public String label() {
        return holds == null ? "not evaluated" : holds ? "holds" : "does not hold";
    }

    /** A CSS-friendly key: "holds", "fails" or "none". */
    public String key() {
        return holds == null ? "none" : holds ? "holds" : "fails";
    }
}
