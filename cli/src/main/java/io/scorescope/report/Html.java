package io.scorescope.report;

/** Escaping for HTML text, attributes and inline script content. */
final class Html {
    private Html() {}

    /** Escapes text for element content and double- or single-quoted attribute values. */
    static String text(String s) {
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
    static String scriptJson(String json) {
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
    static String scriptCode(String js) {
        return js.replaceAll("(?i)</(script)", "<\\\\/$1").replace("<!--", "<\\!--");
    }
}
