package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained by Scorescope, exported to TorchScript and re-imported with --model-file,
 * gives the same reproduce verdicts and numbers (to round-off) as the native model; sample and analyze agree too.
 */
class ModelFileTest {
    @TempDir static Path dir;
    static Path nativeRun, exported;
    static final String SEED = "5";

    @BeforeAll
    static void trainAndExport() {
        nativeRun = dir.resolve("native");
        ok("reproduce", "--budget", "tiny", "--seed", SEED, "--out", nativeRun.toString());
        exported = dir.resolve("exported.pt");
        ok("export", "--model", nativeRun.resolve("model").toString(), "--out", exported.toString(), "--output", "score");
    }

    @Test
    void reproduceWithTheExportedModuleGivesTheNativeVerdictsAndNumbers() throws IOException {
        Path viaDir = dir.resolve("via-dir"), viaFile = dir.resolve("via-file");
        String control = nativeRun.resolve("control").toString();
        ok("reproduce", "--budget", "tiny", "--seed", SEED, "--model", nativeRun.resolve("model").toString(), "--control", control,
                "--out", viaDir.toString());
        ok("reproduce", "--budget", "tiny", "--seed", SEED, "--model-file", exported.toString(), "--control", control,
                "--data", "sphere", "--out", viaFile.toString());
        JsonNode a = summary(viaDir), b = summary(viaFile);
        List<String> diffs = new ArrayList<>();
        double worst = compare("claims", a.get("claims"), b.get("claims"), diffs);
        worst = Math.max(worst, compare("sample_quality", a.get("sample_quality"), b.get("sample_quality"), diffs));
        System.out.println("reproduce --model vs --model-file: largest relative difference " + worst);
        assertTrue(diffs.isEmpty(), String.join("\n", diffs));
    }

    @Test
    void sampleAndAnalyzeWithTheExportedModuleMatchTheNativeModel() throws IOException {
        String model = nativeRun.resolve("model").toString();
        Path s1 = dir.resolve("samples-native"), s2 = dir.resolve("samples-file");
        ok("sample", "--model", model, "--n", "8", "--steps", "20", "--seed", "1", "--out", s1.toString());
        // the same training draws as the native model (reproduce --budget tiny: 2000 points, seed SEED) set the same
        // default noise range [0.01 s, 2 s]
        ok("sample", "--model-file", exported.toString(), "--data", "sphere", "--n-train", "2000", "--data-seed", SEED,
                "--n", "8", "--steps", "20", "--seed", "1", "--out", s2.toString());
        List<String> diffs = new ArrayList<>();
        double worst = compareSamples(s1.resolve("samples.csv"), s2.resolve("samples.csv"), diffs);
        worst = Math.max(worst, compareCsv("sigmas.csv", s1.resolve("sigmas.csv"), s2.resolve("sigmas.csv"), diffs));
        Path a1 = dir.resolve("analysis-native"), a2 = dir.resolve("analysis-file");
        ok("analyze", "--model", model, "--sequences", s1.toString(), "--levels", "4", "--out", a1.toString());
        ok("analyze", "--model-file", exported.toString(), "--output", "score", "--data", "sphere", "--n-train", "2000",
                "--data-seed", SEED, "--sequences", s1.toString(), "--levels", "4", "--out", a2.toString());
        worst = Math.max(worst, compareCsv("analysis.csv", a1.resolve("analysis.csv"), a2.resolve("analysis.csv"), diffs));
        worst = Math.max(worst, compare("verdicts", Json.MAPPER.readTree(a1.resolve("verdicts.json").toFile()),
                Json.MAPPER.readTree(a2.resolve("verdicts.json").toFile()), diffs));
        System.out.println("sample/analyze --model vs --model-file: largest relative difference " + worst);
        assertTrue(diffs.isEmpty(), String.join("\n", diffs));
        JsonNode prov = Json.MAPPER.readTree(a2.resolve("provenance.json").toFile());
        assertEquals("torchscript", prov.path("inputs").path("model").path("source").asText(), prov.toString());
        assertEquals(64, prov.path("inputs").path("model").path("sha256").asText().length());
    }

    @Test
    void badModelOptionsAreOneLineAndExitTwo() throws IOException {
        Path junk = Files.write(dir.resolve("junk.pt"), new byte[] {1, 2, 3});
        String model = nativeRun.resolve("model").toString(), pt = exported.toString(), out = dir.resolve("bad").toString();
        String seqs = dir.resolve("seqs").toString();
        ok("sample", "--model", model, "--n", "2", "--steps", "2", "--out", seqs);
        List<String[]> bad = List.of(
                new String[] {"sample", "--model", model, "--model-file", pt, "--out", out},
                new String[] {"reproduce", "--budget", "tiny", "--model", model, "--model-file", pt, "--data", "sphere", "--out", out},
                new String[] {"analyze", "--model", model, "--model-file", pt, "--sequences", seqs, "--out", out},
                new String[] {"sample", "--model-file", pt, "--out", out},
                new String[] {"reproduce", "--budget", "tiny", "--model-file", pt, "--out", out},
                new String[] {"analyze", "--model-file", pt, "--sequences", seqs, "--out", out},
                new String[] {"sample", "--model-file", junk.toString(), "--data", "sphere", "--out", out},
                new String[] {"reproduce", "--budget", "tiny", "--model-file", junk.toString(), "--data", "sphere", "--out", out},
                new String[] {"analyze", "--model-file", junk.toString(), "--data", "sphere", "--sequences", seqs, "--out", out},
                new String[] {"sample", "--model-file", pt, "--output", "eps", "--data", "sphere", "--out", out},
                new String[] {"sample", "--model-file", pt, "--output", "velocity", "--data", "sphere", "--out", out},
                new String[] {"sample", "--model", model, "--output", "eps", "--out", out},
                new String[] {"reproduce", "--budget", "tiny", "--model-file", pt, "--data", "torus", "--control",
                        nativeRun.resolve("control").toString(), "--out", out},
                new String[] {"sample", "--out", out});
        for (String[] args : bad) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLines().size(), String.join(" ", args) + ": " + r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertFalse(Files.exists(dir.resolve("bad").resolve(ReproduceCommand.SUMMARY)));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * The native forward runs in float32, the exported module in float64 (Jacobians are float64 in both), so sample
     * paths differ by float32 round-off of the score. Measured (seed 5, tiny budget): samples differ by at most
     * 3e-8 of their norm and reproduce numbers by at most 1.1e-7 relative (analyze at the same points: ~1e-12, both
     * Jacobians being float64); the tolerance leaves a margin of ~90. Differences below 1e-12 are pure round-off (the
     * energy control's ||A||/||J|| ~ 1e-16, compared at slightly different points) and accepted absolutely.
     */
    static final double TOLERANCE = 1e-5, ROUNDOFF = 1e-12;

    static void ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.errLines());
    }

    static JsonNode summary(Path out) throws IOException {
        return Json.MAPPER.readTree(out.resolve(ReproduceCommand.SUMMARY).toFile());
    }

    /** Booleans and strings equal, numbers within TOLERANCE relative; returns the largest relative difference. */
    static double compare(String path, JsonNode a, JsonNode b, List<String> diffs) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble(), y = b.asDouble();
            return compare(path, x, y, diffs);
        }
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
            double worst = 0;
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) worst = Math.max(worst, compare(path + "[" + i + "]", a.get(i), b.get(i), diffs));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode other = b.get(e.getKey());
                    if (other == null) diffs.add(path + "." + e.getKey() + " missing");
                    else worst = Math.max(worst, compare(path + "." + e.getKey(), e.getValue(), other, diffs));
                }
            }
            return worst;
        }
        if (!a.equals(b)) diffs.add(path + ": " + a + " vs " + b);
        return 0;
    }

    static double compare(String path, double x, double y, List<String> diffs) {
        if (x == y || (Double.isNaN(x) && Double.isNaN(y))) return 0;
        double rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
        if (Math.abs(x - y) <= ROUNDOFF) return 0;
        if (!(rel <= TOLERANCE)) diffs.add(path + ": " + x + " vs " + y + " (relative " + rel + ")");
        return rel;
    }

    /** Two CSV files with the same header: text cells equal, numeric cells compared as numbers. */
    static double compareCsv(String name, Path a, Path b, List<String> diffs) throws IOException {
        List<String> la = Files.readAllLines(a), lb = Files.readAllLines(b);
        assertEquals(la.size(), lb.size(), name);
        assertEquals(la.get(0), lb.get(0), name + " header");
        String[] head = la.get(0).split(",");
        double worst = 0;
        for (int i = 1; i < la.size(); i++) {
            String[] ca = la.get(i).split(",", -1), cb = lb.get(i).split(",", -1);
            assertEquals(ca.length, cb.length, name + " line " + (i + 1));
            for (int k = 0; k < ca.length; k++) {
                String where = name + " line " + (i + 1) + " " + (k < head.length ? head[k] : "#" + k);
                Double x = number(ca[k]), y = number(cb[k]);
                if (x != null && y != null) worst = Math.max(worst, compare(where, x, y, diffs));
                else if (!ca[k].equals(cb[k])) diffs.add(where + ": " + ca[k] + " vs " + cb[k]);
            }
        }
        return worst;
    }

    /** samples.csv row by row: |a_i - b_i| / max(|a_i|, |b_i|) as vectors. */
    static double compareSamples(Path a, Path b, List<String> diffs) throws IOException {
        List<String> la = Files.readAllLines(a), lb = Files.readAllLines(b);
        assertEquals(la.size(), lb.size());
        double worst = 0;
        for (int i = 1; i < la.size(); i++) {
            String[] ca = la.get(i).split(","), cb = lb.get(i).split(",");
            double d = 0, na = 0, nb = 0;
            for (int k = 0; k < ca.length; k++) {
                double x = Double.parseDouble(ca[k]), y = Double.parseDouble(cb[k]);
                d += (x - y) * (x - y);
                na += x * x;
                nb += y * y;
            }
            double rel = Math.sqrt(d / Math.max(na, nb));
            if (!(rel <= TOLERANCE)) diffs.add("samples.csv line " + (i + 1) + ": relative difference " + rel);
            worst = Math.max(worst, rel);
        }
        return worst;
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
