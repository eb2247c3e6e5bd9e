package io.scorescope.report;

import java.util.List;

/** An x-y plot of line and scatter series. */
public record PlotFigure(String id, String title, Axis x, Axis y, List<Series> series) implements Figure {
    public PlotFigure {
        Checks.id(id);
        Checks.text(title, "title");
        java.util.Objects.requireNonNull(x, "x axis");
        java.util.Objects.requireNonNull(y, "y axis");
        series = Checks.list(series, "series");
        if (series.isEmpty()) throw new IllegalArgumentException("figure " + id + " has no series");
    }
}
