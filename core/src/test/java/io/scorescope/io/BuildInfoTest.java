package io.scorescope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Versions come from the build (the parent pom's properties), not from string literals in the code. */
class BuildInfoTest {
    private static final Path PARENT_POM = Path.of("..", "pom.xml");   // tests run in the module folder

    private static String tag(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertTrue(m.find(), name + " not in the parent pom");
        return m.group(1).strip();
    }

    @Test
    void versionsMatchTheParentPom() throws IOException {
        String pom = Files.readString(PARENT_POM);
        String javacpp = tag(pom, "javacpp.version");
        String pytorch = tag(pom, "pytorch.version").replace("${javacpp.version}", javacpp);
        assertEquals(tag(pom, "version"), BuildInfo.VERSION);   // the first <version> is the project's
        assertEquals(javacpp, BuildInfo.JAVACPP);
        assertEquals(pytorch, BuildInfo.LIBTORCH + "-" + BuildInfo.JAVACPP);
        assertEquals("libtorch " + BuildInfo.LIBTORCH + " (JavaCPP presets " + javacpp + ")", BuildInfo.engine());
        assertEquals("2.10.0", BuildInfo.libtorch("2.10.0-1.5.13", "1.5.13"));
    }

    @Test
    void provenanceRecordsTheBuildVersions() {
        ObjectNode p = Provenance.of("test", 1, Json.object()).toJson();
        assertEquals(BuildInfo.VERSION, p.get("scorescope_version").asText());
        assertEquals(BuildInfo.engine(), p.path("environment").get("engine").asText());
    }

    @Test
    void noSourceFileSpellsOutTheEngineVersions() throws IOException {
        List<String> literals = List.of('"' + BuildInfo.LIBTORCH, BuildInfo.LIBTORCH + " ", "presets " + BuildInfo.JAVACPP);
        for (Path root : List.of(Path.of("src", "main", "java"), Path.of("..", "cli", "src", "main", "java"))) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    for (String l : literals)
                        for (String line : text.lines().toList())
                            if (line.contains(l) && !line.strip().startsWith("*") && !line.strip().startsWith("/"))
                                throw new AssertionError(f + " spells out a version: " + line.strip());
                }
            }
        }
    }
}
