package io.scorescope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's text stands on its own: no references to issue numbers or to files outside the repository,
 * definitions cited as docs/science.md, and the README promises nothing the build does not ship (CPU natives only).
 */
class RepositoryTextTest {
    private static final Path ROOT = Path.of("..");   // tests run in the module folder
    private static final Pattern ISSUE = Pattern.compile("(?i)\\bissue\\s*#?\\d+|(?<![&\\w])#\\d+\\b");
    private static final Pattern OUTSIDE = Pattern.compile("shared/notes|\\.\\./shared|\\b(stack|peers|style|data)\\.md\\b");
    private static final Pattern BARE_SCIENCE = Pattern.compile("(?<!docs/)science\\.md");
    private static boolean skipped(Path p) {
        return p.getFileName().toString().equals("RepositoryTextTest.java");   // its patterns would match themselves
    }

    private static List<Path> textFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("core/src", "cli/src", "test-support/src", "bench/src", "docs", "scripts")) {
            Path d = ROOT.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(java|md|sh|js|css|xml|properties)$"))
                        .filter(p -> !skipped(p)).forEach(out::add);
            }
        }
        for (String f : List.of("README.md", "pom.xml", "scorescope.sh")) if (Files.isRegularFile(ROOT.resolve(f))) out.add(ROOT.resolve(f));
        return out;
    }

    @Test
    void noIssueNumbersNoOutsidePathsAndDefinitionsCitedAsDocsScienceMd() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path f : textFiles()) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                String where = ROOT.relativize(f) + ":" + (i + 1) + ": " + l.strip();
                if (ISSUE.matcher(l).find() && !f.toString().endsWith(".css") && !f.toString().endsWith(".js")) problems.add("issue reference " + where);
                if (OUTSIDE.matcher(l).find()) problems.add("path outside the repository " + where);
                if (BARE_SCIENCE.matcher(l).find()) problems.add("cite docs/science.md " + where);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void readmeDoesNotPromiseCuda() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertEquals(false, readme.contains("CUDA when") || readme.contains("GPU when"), "the build ships CPU natives only");
    }
}
