package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.ImageSets;
import io.scorescope.field.FieldSpecs;
import io.scorescope.io.BuildInfo;
import io.scorescope.lid.LidEstimators;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

    /** Every visible option of every command says what it does, and one with a default value names it in its help. */
    @Test
    void everyOptionIsDescribedAndShowsItsDefault() {
        List<String> undescribed = new ArrayList<>(), defaultHidden = new ArrayList<>();
        List<CommandSpec> commands = new ArrayList<>(List.of(new CommandLine(new Main()).getCommandSpec()));
        for (int i = 0; i < commands.size(); i++) {
            CommandSpec c = commands.get(i);
            c.subcommands().values().forEach(sub -> commands.add(sub.getCommandSpec()));
            for (OptionSpec o : c.options()) {
                if (o.hidden() || o.usageHelp() || o.versionHelp()) continue;
                String name = c.qualifiedName() + " " + o.longestName(), text = String.join(" ", o.description());
                if (text.isBlank()) undescribed.add(name);
                boolean flag = o.typeInfo().getType() == boolean.class || o.typeInfo().getType() == Boolean.class;
                if (!flag && o.defaultValue() != null && !text.contains("Default")) defaultHidden.add(name);
            }
        }
        assertTrue(commands.size() > 8, "commands found: " + commands.size());
        assertEquals(List.of(), undescribed, "options without a description");
        assertEquals(List.of(), defaultHidden, "options whose help does not give their default");
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
