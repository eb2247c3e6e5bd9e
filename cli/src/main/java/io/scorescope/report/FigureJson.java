package io.scorescope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;

/**
 * The data of one figure as the JSON object read by the report's script (report.js). Points that an
 * axis cannot show (non-finite, or non-positive on a log axis) are dropped here, consistently across
 * a line and its band.
 */
final class FigureJson {
    private FigureJson() {}

    static ObjectNode of(Figure f) {
        ObjectNode o = Json.object().put("id", f.id()).put("title", f.title());
        if (f instanceof PlotFigure p) plot(o.put("kind", "plot"), p);
        else if (f instanceof ImageGridFigure g) images(o.put("kind", "images"), g);
        else manifold(o.put("kind", "manifold"), (ManifoldFigure) f);
        return o;
    }

    private static void plot(ObjectNode o, PlotFigure p) {
        o.putObject("x").put("label", p.x().label()).put("log", p.x().log());
        o.putObject("y").put("label", p.y().label()).put("log", p.y().log());
        ArrayNode series = o.putArray("series");
        for (Series s : p.series()) {
            ObjectNode js = series.addObject().put("name", s.name());
            ArrayNode data = js.putArray("data");
            boolean band = s instanceof LineSeries l && l.hasBand();
            for (int i = 0; i < s.x().length; i++) {
                if (!drawable(p, s, i)) continue;
                ArrayNode row = data.addArray().add(s.x()[i]).add(s.y()[i]);
                if (band) row.add(((LineSeries) s).lower()[i]).add(((LineSeries) s).upper()[i]);
            }
            if (s instanceof LineSeries l) js.put("type", "line").put("dashed", l.dashed()).put("band", band);
            else js.put("type", "scatter");
        }
    }

    /** Whether point i of s (and its band, if any) can be drawn on p's axes. */
    static boolean drawable(PlotFigure p, Series s, int i) {
        if (!p.x().accepts(s.x()[i]) || !p.y().accepts(s.y()[i])) return false;
        if (s instanceof LineSeries l && l.hasBand()) {
            return p.y().accepts(l.lower()[i]) && p.y().accepts(l.upper()[i]) && l.lower()[i] <= l.upper()[i];
        }
        return true;
    }

    private static void images(ObjectNode o, ImageGridFigure g) {
        o.put("columns", g.columns());
        ArrayNode arr = o.putArray("images");
        for (GrayImage im : g.images()) arr.addObject().put("caption", im.caption()).put("src", ImageRaster.dataUri(im));
    }

    private static void manifold(ObjectNode o, ManifoldFigure m) {
        o.put("colorLabel", m.colorLabel());
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : m.density()) if (Double.isFinite(d)) { lo = Math.min(lo, d); hi = Math.max(hi, d); }
        o.put("min", lo <= hi ? lo : 0).put("max", lo < hi ? hi : (lo <= hi ? lo + 1 : 1));
        ArrayNode views = o.putArray("views");
        for (ManifoldFigure.View v : m.views()) {
            Projection pr = Projection.of(m, v);
            ObjectNode jv = views.addObject().put("label", v.label()).put("extent", pr.extent());
            rows(jv.putArray("points"), pr.points());
            rows(jv.putArray("arrows"), pr.arrows());
        }
    }

    private static void rows(ArrayNode into, double[][] rows) {
        for (double[] r : rows) {
            ArrayNode a = into.addArray();
            for (double v : r) Json.addFinite(a, v);
        }
    }
}
