package io.scorescope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Json;
import java.nio.file.Path;

/**
 * Writes a {@link Report} as one self-contained, offline HTML file: inline CSS, the ECharts library,
 * all data as inline JSON, a Content-Security-Policy that forbids every network request, and a
 * self-check that fills {@code #report-status} once all figures are drawn (read by the headless-browser check in the test-support module).
 */
public final class HtmlReportWriter {
    /** File name of the report inside the output folder. */
    public static final String FILE_NAME = "report.html";
    /** Allows only inline scripts, inline styles and data: images; everything else (all network) is blocked. */
    public static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

    private HtmlReportWriter() {}

    /**
     * Writes outDir/report.html atomically (a failure leaves any previous file untouched).
     *
     * @return the written file
     * @throws io.scorescope.io.InputException if the folder or file cannot be written
     */
    public static Path write(Report report, Path outDir) {
        String html = render(report);
        Path target = AtomicFiles.ensureWritableDir(outDir).resolve(FILE_NAME);
        AtomicFiles.writeString(target, html);
        return target;
    }

    /** The complete HTML document. */
    public static String render(Report r) {
        StringBuilder b = new StringBuilder(1 << 21);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.text(r.title())).append("</title>\n")
                .append("<script>\n").append(resource("collector.js")).append("</script>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(Html.text(r.title())).append("</h1>\n");
        if (!r.subtitle().isEmpty()) b.append("<p class=\"subtitle\">").append(Html.text(r.subtitle())).append("</p>\n");
        b.append("</header>\n");
        summary(b, r);
        for (Section s : r.sections()) SectionHtml.append(b, s);
        b.append("<details id=\"provenance\"><summary>Provenance</summary>\n<pre>")
                .append(Html.text(Json.toString(r.provenance()))).append("</pre>\n</details>\n")
                .append("<pre id=\"report-status\" hidden data-state=\"pending\"></pre>\n")
                .append("<script type=\"application/json\" id=\"report-data\">")
                .append(Html.scriptJson(Json.toString(data(r)))).append("</script>\n")
                .append("<script>\n").append(Html.echarts()).append("\n</script>\n")
                .append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, Report r) {
        b.append("<section id=\"summary\">\n<h2>Summary of verdicts</h2>\n<table>\n")
                .append("<tr><th>Claim</th><th>Section</th><th>Verdict</th><th>Rule</th></tr>\n");
        for (Section s : r.sections()) {
            b.append("<tr><td>").append(Html.text(s.claim())).append("</td><td><a href=\"#").append(SectionHtml.htmlId(s))
                    .append("\">").append(Html.text(s.title())).append("</a></td><td>").append(SectionHtml.badge(s.verdict()))
                    .append("</td><td>").append(Html.text(s.verdict().rule())).append("</td></tr>\n");
        }
        b.append("</table>\n</section>\n");
    }

    private static ObjectNode data(Report r) {
        ObjectNode o = Json.object();
        ArrayNode figs = o.putArray("figures");
        for (Figure f : r.figures()) figs.add(FigureJson.of(f));
        return o;
    }

    private static String resource(String name) { return Html.classpathText("io/scorescope/report/" + name); }
}
