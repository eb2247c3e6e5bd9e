package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scorescope.testsupport.BrowserCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Shared check of a written report in headless Chromium (tests only). */
final class Reports {
    private Reports() {}

    /**
     * Loads report.html in headless Chromium: no console errors, no network request, every chart drawn; one
     * screenshot per section into target/{@code screens}. Skipped without Chromium, except under CI=true.
     */
    static void assertRendersCleanly(Path html, String screens) throws IOException {
        Optional<Path> chromium = BrowserCheck.findChromium();
        if (chromium.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) fail("CI=true but Chromium is missing (.ci/run installs it)");
            Assumptions.assumeTrue(false, "SKIPPED: Chromium not installed; " + html + " not checked in a browser");
        }
        Path shots = Files.createDirectories(Path.of("target", screens));
        try (BrowserCheck browser = BrowserCheck.launch(chromium.get())) {
            BrowserCheck.Result r = browser.check(html, shots);
            assertTrue(r.clean(), r.toString());
            assertFalse(r.figures().isEmpty());
        }
    }
}
