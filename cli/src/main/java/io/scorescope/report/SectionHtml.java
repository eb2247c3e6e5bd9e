package io.scorescope.report;

/** HTML of one report section: heading with badge, rule, definition, numbers, figures, table, text. */
final class SectionHtml {
    private SectionHtml() {}

    static String htmlId(Section s) { return "sec-" + s.id(); }

    static String badge(Badge v) {
        return "<span class=\"badge " + v.key() + "\">" + Html.text(v.label()) + "</span>";
    }

    static void append(StringBuilder b, Section s) {
        b.append("<section class=\"claim\" id=\"").append(htmlId(s)).append("\" data-section=\"").append(s.id()).append("\">\n<h2>");
        if (!s.claim().isEmpty()) b.append("<span class=\"claim-id\">").append(Html.text(s.claim())).append("</span>");
        b.append(Html.text(s.title())).append(badge(s.verdict())).append("</h2>\n")
                .append("<p class=\"rule\">Verdict rule: <code>").append(Html.text(s.verdict().rule())).append("</code></p>\n");
        if (!s.definition().isEmpty()) {
            b.append("<h3>Definition</h3>\n<pre class=\"definition\">").append(Html.text(s.definition())).append("</pre>\n");
        }
        numbers(b, s);
        for (Figure f : s.figures()) {
            String kind = f instanceof PlotFigure ? "plot" : f instanceof ImageGridFigure ? "images" : "manifold";
            b.append("<figure class=\"fig\" id=\"fig-").append(f.id()).append("\"><figcaption>").append(Html.text(f.title()))
                    .append("</figcaption><div class=\"chart ").append(kind).append("\" data-figure=\"").append(f.id())
                    .append("\"></div></figure>\n");
        }
        if (s.table() != null) table(b, s.table());
        for (String p : s.paragraphs()) b.append("<p>").append(Html.text(p)).append("</p>\n");
        b.append("</section>\n");
    }

    private static void numbers(StringBuilder b, Section s) {
        if (s.numbers().isEmpty()) return;
        b.append("<h3>Key numbers</h3>\n<table class=\"numbers\">\n<tr><th>Quantity</th><th>Value</th><th>Reference</th><th>Reference value</th></tr>\n");
        for (KeyNumber k : s.numbers()) {
            b.append("<tr><td>").append(Html.text(k.label())).append("</td><td class=\"num\">").append(KeyNumber.format(k.value()))
                    .append("</td><td>").append(Html.text(k.reference())).append("</td><td class=\"num\">")
                    .append(k.reference().isEmpty() && Double.isNaN(k.referenceValue()) ? "" : KeyNumber.format(k.referenceValue()))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void table(StringBuilder b, Table t) {
        b.append("<table class=\"data\">\n<tr>");
        for (String h : t.header()) b.append("<th>").append(Html.text(h)).append("</th>");
        b.append("</tr>\n");
        for (var row : t.rows()) {
            b.append("<tr>");
            for (String c : row) b.append("<td>").append(Html.text(c)).append("</td>");
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }
}
