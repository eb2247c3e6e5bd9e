package io.scorescope.report;

import java.util.List;

/**
 * The Figure-1 analogue: points in R^3 (on a 2-D manifold) coloured by a density, with field arrows,
 * shown as orthographic projections from several viewpoints.
 *
 * @param points       n x 3 positions
 * @param density      n values used for colour (e.g. q0)
 * @param arrowBases   m x 3 arrow starts
 * @param arrowVectors m x 3 field vectors; drawn scaled so the longest is 12% of the data extent
 * @param views        viewpoints, one panel each
 * @param colorLabel   name of the colour scale, e.g. "q0"
 */
public record ManifoldFigure(String id, String title, double[][] points, double[] density,
                             double[][] arrowBases, double[][] arrowVectors, List<View> views, String colorLabel)
        implements Figure {
    /** A viewpoint: rotation about the z axis, then tilt towards the viewer, in degrees. */
    public record View(double azimuthDeg, double elevationDeg) {
        public String label() {
            return String.format(java.util.Locale.ROOT, "azimuth %.0f\u00b0, elevation %.0f\u00b0", azimuthDeg, elevationDeg);
        }
    }

    /** Two views a quarter turn apart, as in the paper's two rotated panels. */
    public static final List<View> TWO_VIEWS = List.of(new View(30, 20), new View(120, -20));

    public ManifoldFigure {
        Checks.id(id);
        Checks.text(title, "title");
        points = Checks.rows(points, 3, "points");
        if (points.length == 0) throw new IllegalArgumentException("figure " + id + " has no points");
        density = Checks.sameLength(density, points.length, "density");
        arrowBases = Checks.rows(arrowBases, 3, "arrowBases");
        arrowVectors = Checks.rows(arrowVectors, 3, "arrowVectors");
        if (arrowVectors.length != arrowBases.length) throw new IllegalArgumentException("arrow bases and vectors differ in count");
        views = Checks.list(views, "views");
        if (views.isEmpty()) throw new IllegalArgumentException("figure " + id + " has no views");
        colorLabel = colorLabel == null ? "" : colorLabel;
    }
}
