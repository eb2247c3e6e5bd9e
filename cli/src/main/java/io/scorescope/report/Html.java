package io.scorescope.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Escaping for HTML text, attributes and inline script content, and the classpath assets a self-contained page
 * inlines (the ECharts WebJar, scripts and styles): shared by the report and the claims atlas.
 */
public final class Html {
    /** The ECharts build inlined into every page (no network at view time). */
    public static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private Html() {}

    /** Escapes text for element content and double- or single-quoted attribute values. */
    public static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Makes JSON safe inside a script element: '<', '>' and '&' become \\u escapes (so no "</script"
     * or "<!--" can occur), as do U+2028 / U+2029. The result is still valid, equal JSON because these
     * characters can only appear inside JSON strings.
     */
    public static String scriptJson(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Guards a trusted script (a library) against ending its script element early. */
    public static String scriptCode(String js) {
        return js.replaceAll("(?i)</(script)", "<\\\\/$1").replace("<!--", "<\\!--");
    }

    /** ECharts, guarded for inlining in a script element. */
    public static String echarts() { return scriptCode(classpathText(ECHARTS)); }

    /** A text resource from the classpath (UTF-8); a missing one is a packaging error. */
    public static String classpathText(String path) {
        try (InputStream in = Html.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing from the classpath: " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
