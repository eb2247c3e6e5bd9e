package io.scorescope.report;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Orthographic projection of a {@link ManifoldFigure} onto one view's screen plane (u right, v up).
 * Shared by the HTML and PNG renderers so both show the same picture.
 *
 * @param points  n rows (u, v, density, nearness), far points first so near ones are drawn on top
 * @param arrows  m rows (u0, v0, u1, v1, nearness)
 * @param extent  half-width of a square that holds every point and arrow
 * Nearness is depth towards the viewer scaled to [0, 1] over the points (arrows clamped), for shading.
 */
record Projection(double[][] points, double[][] arrows, double extent) {
    /** Arrow length of the longest field vector, as a fraction of the point cloud's extent. */
    static final double ARROW_FRACTION = 0.12;

    static Projection of(ManifoldFigure f, ManifoldFigure.View view) {
        double az = Math.toRadians(view.azimuthDeg()), el = Math.toRadians(view.elevationDeg());
        double[][] pts = new double[f.points().length][];
        double[] depth = new double[pts.length];
        double extent = 0, near = Double.NEGATIVE_INFINITY, far = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pts.length; i++) {
            double[] s = screen(f.points()[i], az, el);
            pts[i] = new double[] {s[0], s[1], f.density()[i], 0};
            depth[i] = s[2];
            near = Math.max(near, s[2]);
            far = Math.min(far, s[2]);
            extent = Math.max(extent, Math.max(Math.abs(s[0]), Math.abs(s[1])));
        }
        for (int i = 0; i < pts.length; i++) pts[i][3] = nearness(depth[i], far, near);
        Integer[] order = new Integer[pts.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> depth[i]));
        double[][] sorted = Arrays.stream(order).map(i -> pts[i]).toArray(double[][]::new);
        double scale = arrowScale(f, extent);
        double[][] arrows = new double[f.arrowBases().length][];
        for (int i = 0; i < arrows.length; i++) {
            double[] b = f.arrowBases()[i], v = f.arrowVectors()[i];
            double[] tip = {b[0] + scale * v[0], b[1] + scale * v[1], b[2] + scale * v[2]};
            double[] s0 = screen(b, az, el), s1 = screen(tip, az, el);
            arrows[i] = new double[] {s0[0], s0[1], s1[0], s1[1], nearness(s0[2], far, near)};
            for (int k = 0; k < 2; k++) extent = Math.max(extent, Math.max(Math.abs(s0[k]), Math.abs(s1[k])));
        }
        return new Projection(sorted, arrows, extent == 0 ? 1 : extent * 1.05);
    }

    private static double arrowScale(ManifoldFigure f, double extent) {
        double longest = 0;
        for (double[] v : f.arrowVectors()) longest = Math.max(longest, Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]));
        return longest == 0 || !Double.isFinite(longest) ? 0 : ARROW_FRACTION * Math.max(extent, 1e-12) / longest;
    }

    private static double nearness(double depth, double far, double near) {
        return near > far ? Math.max(0, Math.min(1, (depth - far) / (near - far))) : 1;
    }

    /** Opacity for a given nearness: the far side stays visible but faint. */
    static double opacity(double nearness) { return 0.2 + 0.8 * nearness; }

    /** (u, v, depth) with depth increasing towards the viewer. */
    static double[] screen(double[] p, double az, double el) {
        double x1 = Math.cos(az) * p[0] - Math.sin(az) * p[1];
        double y1 = Math.sin(az) * p[0] + Math.cos(az) * p[1];
        double v = Math.cos(el) * p[2] + Math.sin(el) * y1;
        double depth = Math.sin(el) * p[2] - Math.cos(el) * y1;
        return new double[] {x1, v, depth};
    }
}
