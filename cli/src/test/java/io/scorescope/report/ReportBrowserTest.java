package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scorescope.testsupport.BrowserCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads reports in headless Chromium: offline, error-free, every figure drawn; and the check catches bad pages. */
class ReportBrowserTest {
    private static BrowserCheck browser;

    @BeforeAll
    static void launch() {
        Optional<Path> chromium = BrowserCheck.findChromium();
        if (chromium.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) fail("CI=true but Chromium is missing (.ci/run installs it)");
            Assumptions.assumeTrue(false, "SKIPPED: Chromium not installed (/usr/bin/chromium); browser test not run");
        }
        browser = BrowserCheck.launch(chromium.get());
    }

    @AfterAll
    static void close() {
        if (browser != null) browser.close();
    }

    @Test
    void sampleReportRendersOfflineWithoutErrors(@TempDir Path dir) throws IOException {
        Report report = SampleReports.full();
        Path html = HtmlReportWriter.write(report, dir);
        Path shots = Files.createDirectories(Path.of("target", "report-screens"));
        BrowserCheck.Result r = browser.check(html, shots);

        assertEquals(java.util.List.of(), r.errors(), "console errors");
        assertEquals(java.util.List.of(), r.requests(), "network requests");
        assertEquals(java.util.List.of(), r.problems(), "page self-check problems");
        assertEquals(report.figures().size(), r.figures().size(), "figures checked: " + r.figures());
        r.figures().forEach((id, ok) -> assertTrue(ok, "figure not drawn: " + id));
        assertTrue(r.clean(), r.toString());
        assertEquals(report.sections().size() + 1, r.screenshots().size(), "one screenshot per section plus the summary");
        for (Path shot : r.screenshots()) {
            var img = ImageIO.read(shot.toFile());
            assertTrue(img.getWidth() > 500 && img.getHeight() > 50, shot + " is " + img.getWidth() + "x" + img.getHeight());
        }
    }

    @Test
    void checkDetectsErrorsRequestsAndMissingStatus(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\">"
                + "<script>console.error('logged'); throw new Error('boom');</script></body></html>");
        BrowserCheck.Result r = browser.check(bad, null);

        assertFalse(r.clean());
        assertTrue(r.requests().stream().anyMatch(u -> u.startsWith("http://127.0.0.1:9/")), r.toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains("boom")), r.toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains("logged")), r.toString());
        assertTrue(r.problems().contains("page has no #report-status element"), r.toString());
    }

    @Test
    void cspBlocksAndReportsAnyRequestFromTheReport(@TempDir Path dir) throws IOException {
        String html = HtmlReportWriter.render(SampleReports.full())
                .replace("</body>", "<img src=\"http://127.0.0.1:9/leak.png\"></body>");
        Path file = dir.resolve("leaky.html");
        Files.writeString(file, html);
        BrowserCheck.Result r = browser.check(file, null);

        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("csp:")), r.toString());
        assertFalse(r.clean());
    }
}
