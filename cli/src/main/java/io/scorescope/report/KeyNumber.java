package io.scorescope.report;

/**
 * One measured number next to what it should be compared with.
 *
 * @param label          what was measured, e.g. "median r_TT"
 * @param value          the measurement (NaN if unavailable)
 * @param reference      what the reference is, e.g. "exact field", "random baseline"; may be empty
 * @param referenceValue the reference's value (NaN if none)
 */
public record KeyNumber(String label, double value, String reference, double referenceValue) {
    public KeyNumber {
        Checks.text(label, "label");
        reference = reference == null ? "" : reference;
    }

    /** A number without a reference. */
    public static KeyNumber of(String label, double value) { return new KeyNumber(label, value, "", Double.NaN); }

    /** Four significant digits, or an em dash for NaN / infinite values. */
    public static String format(double v) {
        if (!Double.isFinite(v)) return "\u2014";
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
        double a = Math.abs(v);
        String s = (a != 0 && (a < 1e-3 || a >= 1e6)) ? String.format(java.util.Locale.ROOT, "%.3e", v)
                : String.format(java.util.Locale.ROOT, "%.4g", v);
        return s;
    }
}
