package io.scorescope.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads an HTML report in headless Chromium (driven over the DevTools protocol) and reports console
 * errors, exceptions, every network request other than the file itself, the page's own figure
 * self-check ({@code #report-status}) and one screenshot per {@code <section>}.
 */
public final class BrowserCheck implements AutoCloseable {
    /** Flags for a quiet, offline headless browser. */
    public static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic", "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars");
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final String STATUS_JS = "(() => { const e = document.getElementById('report-status');"
            + " return !e ? 'missing' : e.getAttribute('data-state') === 'done' ? e.textContent : null; })()";
    private static final String SECTIONS_JS = "JSON.stringify([...document.querySelectorAll('section[id]')].map(s => {"
            + " const r = s.getBoundingClientRect(); return {id: s.id, x: r.left + scrollX, y: r.top + scrollY,"
            + " w: r.width, h: r.height}; }))";

    /**
     * What the browser saw.
     *
     * @param errors      console errors, uncaught exceptions and error-level log entries
     * @param requests    URLs requested other than the page itself and data: URLs
     * @param figures     figure id to "drawn and non-empty", from the page's self-check
     * @param problems    problems the page recorded itself (CSP violations, failed loads, errors)
     * @param screenshots one PNG per section, if a folder was given
     */
    public record Result(List<String> errors, List<String> requests, Map<String, Boolean> figures,
                         List<String> problems, List<Path> screenshots) {
        /** No errors, no requests, no page problems, and every figure drawn. */
        public boolean clean() {
            return errors.isEmpty() && requests.isEmpty() && problems.isEmpty() && !figures.containsValue(false);
        }

        @Override
        public String toString() {
            return "errors=" + errors + ", requests=" + requests + ", problems=" + problems + ", figures=" + figures;
        }
    }

    private final Process process;
    private final Path profile;
    private final CdpConnection cdp;

    private BrowserCheck(Process process, Path profile, CdpConnection cdp) {
        this.process = process;
        this.profile = profile;
        this.cdp = cdp;
    }

    /** The Chromium binary: $SCORESCOPE_CHROMIUM, else the usual install locations. */
    public static Optional<Path> findChromium() {
        String env = System.getenv("SCORESCOPE_CHROMIUM");
        Stream<String> candidates = Stream.of(env, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        return candidates.filter(s -> s != null && !s.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts Chromium with a fresh profile folder and connects to its page. */
    public static BrowserCheck launch(Path chromium) {
        Path profile = null;
        Process p = null;
        try {
            profile = Files.createTempDirectory("scorescope-chromium");
            List<String> cmd = new ArrayList<>(List.of(chromium.toString()));
            cmd.addAll(FLAGS);
            cmd.addAll(List.of("--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1200,900", "about:blank"));
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
            int port = awaitPort(p, profile.resolve("DevToolsActivePort"));
            CdpConnection cdp = CdpConnection.open(pageSocket(port));
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) cdp.call(domain + ".enable", null);
            cdp.call("Emulation.setDeviceMetricsOverride", Json.object().put("width", 1200).put("height", 900)
                    .put("deviceScaleFactor", 1).put("mobile", false));
            return new BrowserCheck(p, profile, cdp);
        } catch (IOException | RuntimeException e) {
            if (p != null) p.destroyForcibly();
            deleteTree(profile);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Loads the file, waits for the self-check, and saves section screenshots into screenshotDir (may be null). */
    public Result check(Path html, Path screenshotDir) {
        String url = html.toAbsolutePath().toUri().toString();
        cdp.clearEvents();
        JsonNode nav = cdp.call("Page.navigate", Json.object().put("url", url));
        if (nav.hasNonNull("errorText")) throw new IllegalStateException("cannot load " + url + ": " + nav.get("errorText").asText());
        String status = awaitStatus();
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> figures = new LinkedHashMap<>();
        if (status.equals("missing")) {
            problems.add("page has no #report-status element");
        } else {
            JsonNode s = readJson(status);
            s.path("problems").forEach(n -> problems.add(n.asText()));
            s.path("figures").fields().forEachRemaining(e -> figures.put(e.getKey(), e.getValue().path("ok").asBoolean(false)));
        }
        List<Path> shots = screenshotDir == null ? List.of() : screenshots(screenshotDir);
        List<JsonNode> events = cdp.events();
        return new Result(CdpEvents.errors(events), CdpEvents.foreignRequests(events, url), figures, problems, shots);
    }

    private String awaitStatus() {
        long deadline = System.nanoTime() + PAGE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode r = cdp.call("Runtime.evaluate", Json.object().put("expression", STATUS_JS).put("returnByValue", true));
            JsonNode v = r.path("result").path("value");
            boolean loaded = cdp.events().stream().anyMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()));
            if (v.isTextual() && (!v.asText().equals("missing") || loaded)) return v.asText();
            sleep(100);
        }
        throw new IllegalStateException("report did not finish its self-check within " + PAGE_TIMEOUT);
    }

    private List<Path> screenshots(Path dir) {
        List<Path> out = new ArrayList<>();
        JsonNode sections = readJson(cdp.call("Runtime.evaluate", Json.object().put("expression", SECTIONS_JS)
                .put("returnByValue", true)).path("result").path("value").asText("[]"));
        for (JsonNode s : sections) {
            if (s.path("h").asDouble() <= 0) continue;
            ObjectNode clip = Json.object().put("x", s.path("x").asDouble()).put("y", s.path("y").asDouble())
                    .put("width", s.path("w").asDouble()).put("height", Math.min(s.path("h").asDouble(), 6000)).put("scale", 1);
            ObjectNode params = Json.object().put("format", "png").put("captureBeyondViewport", true);
            params.set("clip", clip);
            byte[] png = Base64.getDecoder().decode(cdp.call("Page.captureScreenshot", params).path("data").asText());
            Path file = dir.resolve(s.path("id").asText() + ".png");
            io.scorescope.io.AtomicFiles.write(file, o -> o.write(png));
            out.add(file);
        }
        return out;
    }

    /** Closes the browser, waits for all its processes to exit, then deletes the profile folder. */
    @Override
    public void close() {
        List<ProcessHandle> family = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        try {
            cdp.call("Browser.close", null, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            process.destroy();
        } finally {
            cdp.close();
        }
        if (!awaitExit(family, 5)) {
            family.forEach(ProcessHandle::destroyForcibly);
            awaitExit(family, 5);
        }
        deleteTree(profile);
    }

    private static boolean awaitExit(List<ProcessHandle> processes, long seconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) return false;
            sleep(50);
        }
        return true;
    }

    private static int awaitPort(Process p, Path portFile) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("chromium exited with code " + p.exitValue() + " before DevTools started");
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) return Integer.parseInt(lines.get(0).trim());
            }
            sleep(50);
        }
        throw new IllegalStateException("chromium did not open its DevTools port within 30 s");
    }

    /** The WebSocket URL of the first page target. */
    private static URI pageSocket(int port) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(Duration.ofSeconds(10)).build();
        try {
            String body = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode t : readJson(body)) {
                if ("page".equals(t.path("type").asText())) return URI.create(t.path("webSocketDebuggerUrl").asText());
            }
            throw new IllegalStateException("chromium has no page target: " + body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode readJson(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp folder
        }
    }
}
