package io.scorescope.report;

/** Data drawn in a {@link PlotFigure}. */
public sealed interface Series permits LineSeries, ScatterSeries {
    String name();

    double[] x();

    double[] y();
}
