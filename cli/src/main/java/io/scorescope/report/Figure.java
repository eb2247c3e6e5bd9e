package io.scorescope.report;

/** A figure: one chart in the HTML report and one PNG file. */
public sealed interface Figure permits PlotFigure, ImageGridFigure, ManifoldFigure {
    /** Unique id (HTML id and PNG file stem). */
    String id();

    /** Caption shown above the figure. */
    String title();
}
