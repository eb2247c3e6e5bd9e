package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.cli.Main;
import io.scorescope.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product (core and cli classes) carries no test code: the DevTools driver behind the report's browser check
 * lives in the test-support module, and no product class refers to java.net.http (the product never goes online).
 */
class ProductClassesTest {
    @Test
    void productClassesHoldNoBrowserDriverAndNoHttpClient() throws Exception {
        for (Class<?> anchor : List.of(Main.class, Json.class)) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
                Path root = jar == null ? location : jar.getPath("/");
                List<Path> classes = classFiles(root);
                assertTrue(classes.size() > 10, "expected the compiled classes of " + anchor.getName() + " in " + location);
                List<String> offending = classes.stream().filter(ProductClassesTest::isTestCode).map(Path::toString).toList();
                assertEquals(List.of(), offending, "test code among the product classes in " + location);
            }
        }
    }

    private static boolean isTestCode(Path classFile) {
        String name = classFile.getFileName().toString();
        if (name.startsWith("Cdp") || name.startsWith("BrowserCheck")) return true;
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("java/net/http/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }
}
