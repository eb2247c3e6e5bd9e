package io.scorescope.report;

/**
 * A line y(x), optionally dashed, optionally with a shaded band [lower, upper] (e.g. a spread or
 * quantile range). Arrays are copied; the band arrays are null when there is no band.
 */
public record LineSeries(String name, double[] x, double[] y, boolean dashed, double[] lower, double[] upper)
        implements Series {
    public LineSeries {
        Checks.text(name, "name");
        x = Checks.sameLength(x, x == null ? 0 : x.length, "x");
        y = Checks.sameLength(y, x.length, "y");
        if ((lower == null) != (upper == null)) throw new IllegalArgumentException("band needs both lower and upper");
        if (lower != null) {
            lower = Checks.sameLength(lower, x.length, "lower");
            upper = Checks.sameLength(upper, x.length, "upper");
        }
    }

    public static LineSeries solid(String name, double[] x, double[] y) { return new LineSeries(name, x, y, false, null, null); }

    public static LineSeries dashed(String name, double[] x, double[] y) { return new LineSeries(name, x, y, true, null, null); }

    public static LineSeries band(String name, double[] x, double[] y, double[] lower, double[] upper) {
        return new LineSeries(name, x, y, false, lower, upper);
    }

    public boolean hasBand() { return lower != null; }
}
