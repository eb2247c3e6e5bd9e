package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
    private static final String TITLE = "<script>alert(\"x\")</script> 'single' & \"double\"";

    @Test
    void titleIsEscapedInTitleAndHeading() {
        String html = HtmlReportWriter.render(SampleReports.full(TITLE));
        String escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;single&#39; &amp; &quot;double&quot;";
        assertTrue(html.contains("<title>" + escaped + "</title>"), "escaped <title>");
        assertTrue(html.contains("<h1>" + escaped + "</h1>"), "escaped <h1>");
        assertFalse(html.contains("alert(\"x\")"), "raw title leaked");
    }

    @Test
    void hostileTextAddsNoScriptTagsAndRoundTripsThroughTheJson() throws IOException {
        String hostile = HtmlReportWriter.render(SampleReports.full(TITLE));
        String benign = HtmlReportWriter.render(SampleReports.full("plain"));
        assertEquals(count(benign, "<script"), count(hostile, "<script"));
        assertEquals(count(benign, "</script"), count(hostile, "</script"));
        assertEquals(4, count(withoutCode(hostile), "<script"), "collector, data, ECharts, renderer");
        assertFalse(hostile.contains(SampleReports.HOSTILE));

        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(hostile);
        assertTrue(m.find(), "data element present");
        assertFalse(m.group(1).contains("<"), "no '<' inside the JSON");
        JsonNode data = Json.MAPPER.readTree(m.group(1));
        assertEquals("model " + SampleReports.HOSTILE, data.at("/figures/0/series/0/name").asText());
        assertEquals(4, data.get("figures").size());
    }

    @Test
    void pageIsSelfContained() {
        String html = HtmlReportWriter.render(SampleReports.full());
        assertTrue(html.contains("Content-Security-Policy\" content=\"" + HtmlReportWriter.CSP + "\""));
        assertTrue(html.contains("echarts"), "ECharts inlined");
        assertFalse(Pattern.compile("<(script|link|img)[^>]+(src|href)=", Pattern.CASE_INSENSITIVE).matcher(withoutCode(html)).find(),
                "no external script/link/img references");
        assertTrue(html.indexOf("Content-Security-Policy") < html.indexOf("<script"), "CSP precedes every script");
    }

    @Test
    void summaryAndSectionsCarryOneBadgePerVerdict() {
        String html = HtmlReportWriter.render(SampleReports.full());
        assertEquals(2, count(html, "<span class=\"badge holds\">holds</span>"), "summary + section");
        assertEquals(2, count(html, "<span class=\"badge fails\">does not hold</span>"));
        assertEquals(4, count(html, "<span class=\"badge none\">not evaluated</span>"));
        assertTrue(html.contains("<td class=\"num\">-0.9100</td>"));
        assertTrue(html.contains("<details id=\"provenance\">"));
    }

    @Test
    void writesReportFile(@TempDir Path dir) throws IOException {
        Path file = HtmlReportWriter.write(SampleReports.full(), dir.resolve("new/sub"));
        assertEquals(dir.resolve("new/sub/report.html"), file);
        assertTrue(Files.readString(file).endsWith("</html>\n"));
    }

    @Test
    void unwritableFolderGivesInputExceptionAndNoFile(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        InputException e = assertThrows(InputException.class, () -> HtmlReportWriter.write(SampleReports.full(), notAFolder.resolve("out")));
        assertTrue(e.getMessage().contains("out"), e.getMessage());
        assertEquals(List.of(notAFolder), list(dir));
    }

    @Test
    void failedReplaceLeavesNoPartialOrTemporaryFile(@TempDir Path dir) throws IOException {
        Path blocker = Files.createDirectories(dir.resolve(HtmlReportWriter.FILE_NAME));
        Files.writeString(blocker.resolve("keep"), "k");
        assertThrows(InputException.class, () -> HtmlReportWriter.write(SampleReports.full(), dir));
        assertEquals(List.of(blocker), list(dir), "only the pre-existing entry remains");
        assertEquals("k", Files.readString(blocker.resolve("keep")));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** The document with the code of inline scripts (collector, ECharts, renderer) removed. */
    private static String withoutCode(String html) { return html.replaceAll("(?s)<script>\\n.*?</script>", "<script></script>"); }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
