package io.scorescope.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.experiment.Claim;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Json;
import io.scorescope.report.Html;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * atlas.html: self-contained like the report (inline ECharts from the WebJar, inline data, a CSP that blocks all
 * network, the same #report-status self-check). Heatmaps of any claim's verdict (share of evaluated cells that
 * hold) or any of its numbers (median over the cells) across any two axes, the other axes selectable (all, or one
 * value); clicking a heatmap cell lists its cells with links to their reports (or summaries); a table of every cell.
 */
public final class AtlasHtml {
    public static final String FILE_NAME = "atlas.html";
    static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";
    /** The axis columns of a row. */
    public static final List<String> AXES = List.of("data", "parameterisation", "width", "depth", "train_steps", "budget", "seed");
    /** The number shown first for each claim. */
    static final Map<Claim, String> KEY_NUMBER = Map.of(Claim.A2_DIMENSION_RISES, "spearman_median", Claim.A2_SPREAD_RISES, "difference",
            Claim.A3_NONCONSERVATIVE_WITHIN, "r_tt_median", Claim.A4_NORMAL_PROJECTION, "normal_block_norm_median",
            Claim.A5_EFFECTIVE_OVERLAP, "normalised_overlap_median", Claim.A6_CONSTRAINED_MIXING, "transport_ratio");

    private AtlasHtml() {}

    public static void write(Atlas atlas, Path file) { AtomicFiles.writeString(file, render(atlas)); }

    public static String render(Atlas atlas) {
        ObjectNode data = Json.object().put("plan", atlas.plan());
        ArrayNode axes = data.putArray("axes");
        AXES.forEach(axes::add);
        ArrayNode claims = data.putArray("claims");
        List<Atlas.Column> cols = atlas.columns();
        for (Claim c : Claim.values()) {
            ObjectNode o = claims.addObject().put("key", c.key()).put("key_number", c.key() + AtlasRow.SEP + KEY_NUMBER.get(c));
            ArrayNode metrics = o.putArray("numbers");
            cols.stream().filter(col -> col.name().startsWith(c.key() + AtlasRow.SEP) && col.type() != Atlas.Type.STRING)
                    .forEach(col -> metrics.add(col.name()));
        }
        ArrayNode rows = data.putArray("rows");
        atlas.rows().forEach(rows::add);
        String title = "Claims atlas: " + atlas.plan();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.text(title) + "</title>\n<script>\n" + Html.classpathText("io/scorescope/report/collector.js") + "</script>\n"
                + "<style>\n" + resource("atlas.css") + "</style>\n</head>\n<body>\n<header><h1>" + Html.text(title) + "</h1>\n"
                + "<p class=\"subtitle\">" + atlas.rows().size() + " cells. Each cell is one reproduce run (model, energy control, analysis, "
                + "mixing, claims); verdicts as in summary.json. A3 per noise band: low sigma &le; 0.1 u (the rows the A3 verdict judges), "
                + "mid 0.1 u &lt; sigma &le; 0.5 u, high sigma &gt; 0.5 u, u the data's noise unit.</p></header>\n"
                + "<section id=\"heatmap\"><h2>Heatmap</h2>\n<div class=\"controls\" id=\"controls\"></div>\n"
                + "<div id=\"chart\" data-figure=\"atlas-heatmap\"></div>\n<div id=\"selection\"></div>\n</section>\n"
                + "<section id=\"cells\"><h2>All cells</h2>\n<div id=\"table\"></div>\n</section>\n"
                + "<pre id=\"report-status\" hidden data-state=\"pending\"></pre>\n"
                + "<script type=\"application/json\" id=\"atlas-data\">" + Html.scriptJson(Json.toString(data)) + "</script>\n"
                + "<script>\n" + Html.echarts() + "\n</script>\n"
                + "<script>\n" + resource("atlas.js") + "</script>\n</body>\n</html>\n";
    }

    private static String resource(String name) { return Html.classpathText("io/scorescope/spark/" + name); }
}
