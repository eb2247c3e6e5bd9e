package io.scorescope.report;

/** A plot axis: its label and whether it is logarithmic. */
public record Axis(String label, boolean log) {
    public Axis { label = label == null ? "" : label; }

    public static Axis linear(String label) { return new Axis(label, false); }

    public static Axis log(String label) { return new Axis(label, true); }

    /** Whether v can be drawn on this axis (finite, and positive on a log axis). */
    public boolean accepts(double v) { return Double.isFinite(v) && (!log || v > 0); }
}
