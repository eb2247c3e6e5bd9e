package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.ImageSets;
import io.scorescope.field.FieldSpecs;
import io.scorescope.io.BuildInfo;
import io.scorescope.lid.LidEstimators;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listings and help texts are generated from the registries, and versions from the build. */
class HelpFromRegistriesTest {
    /** Help text with all white space removed (picocli wraps long lines, even inside a word). */
    private static String squeezed(String s) { return s.replaceAll("\\s+", ""); }

    @Test
    void dataListShowsTheImageSetsWithTheirDimensionAndOptions() {
        CliRun r = CliRun.of("data", "list");
        assertEquals(0, r.code(), r.toString());
        for (ImageSets.Info s : ImageSets.CATALOGUE)
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(s.name() + " ") && l.matches(".*\\s-\\s+" + s.dim() + "\\s.*")),
                    s.name() + " with D = " + s.dim() + ":\n" + r.out());
        assertTrue(r.out().contains("digits") && r.out().contains(" 64 ") && r.out().contains(" 784 "), r.out());
        for (String option : ImageSets.OPTIONS) assertTrue(r.out().contains(option), option + ":\n" + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("sphere ")), r.out());
    }

    @Test
    void lidHelpListsEveryEstimator() {
        CliRun r = CliRun.of("lid", "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(squeezed(r.out()).contains("Known:" + String.join(",", LidEstimators.NAMES) + "."), r.out());
    }

    @Test
    void analyzeHelpListsEveryFieldKindIncludingTorchScript() {
        CliRun r = CliRun.of("analyze", "--help");
        assertEquals(0, r.code(), r.toString());
        List<String> kinds = FieldRegistry.syntax();
        assertTrue(kinds.containsAll(FieldSpecs.SYNTAX) && kinds.stream().anyMatch(k -> k.startsWith("torchscript:")), kinds.toString());
        for (String k : kinds) assertTrue(squeezed(r.out()).contains(squeezed(k)), k + ":\n" + r.out());
        for (FieldRegistry.Kind k : FieldRegistry.KINDS) assertTrue(k.syntax().startsWith(k.prefix() + ":"), k.toString());
    }

    @Test
    void versionComesFromTheBuild() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("scorescope " + BuildInfo.VERSION, lines.get(0));
        assertEquals("engine: libtorch " + BuildInfo.LIBTORCH + " (JavaCPP presets " + BuildInfo.JAVACPP + ")", lines.get(1));
    }
}
