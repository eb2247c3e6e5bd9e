package io.scorescope.report;

/** Points (x_i, y_i). Arrays are copied. */
public record ScatterSeries(String name, double[] x, double[] y) implements Series {
    public ScatterSeries {
        Checks.text(name, "name");
        x = Checks.sameLength(x, x == null ? 0 : x.length, "x");
        y = Checks.sameLength(y, x.length, "y");
    }
}
