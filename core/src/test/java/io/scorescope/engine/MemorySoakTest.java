package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat: resident memory after many training steps and Jacobians stays within 10% of its
 * level after a warm-up tenth. Runs {@link MemorySoak} in a child JVM whose heap is fully committed up front
 * (-Xms = -Xmx, pre-touched), so growth can only come from native allocations. The full soak (20 000 steps,
 * 10 000 Jacobians) is tagged "soak" and excluded by default: {@code mvn -pl core test -Dtest=MemorySoakTest
 * -DexcludedGroups=none}.
 */
class MemorySoakTest {
    static long[] soak(int steps, int jacobians) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
        Path log = Files.createTempFile("soak", ".log");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms192m", "-Xmx192m", "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
                    MemorySoak.class.getName(), Integer.toString(steps), Integer.toString(jacobians))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String out;
            try {
                assertEquals(0, p.waitFor(), () -> read(log));
                out = read(log);
            } finally {
                p.destroyForcibly();
            }
            Matcher m = Pattern.compile("rss_kb warm=(\\d+) max=(\\d+) final=(\\d+)").matcher(out);
            assertTrue(m.find(), out);
            long[] kb = {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
            System.out.printf("memory soak %d steps + %d Jacobians: RSS after warm-up %d kB, max %d kB (%+.1f%%), final %d kB%n",
                    steps, jacobians, kb[0], kb[1], 100.0 * (kb[1] - kb[0]) / kb[0], kb[2]);
            return kb;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void assertFlat(long[] kb) {
        assertTrue(kb[1] <= 1.10 * kb[0] && kb[2] <= 1.10 * kb[0],
                "RSS grew beyond 10%: warm " + kb[0] + " kB, max " + kb[1] + " kB, final " + kb[2] + " kB");
    }

    @Test
    void residentMemoryStaysFlatOverThousandsOfStepsAndJacobians() throws Exception {
        assertFlat(soak(3000, 2000));
    }

    @Test
    @Tag("soak")
    void residentMemoryStaysFlatOverTwentyThousandStepsAndTenThousandJacobians() throws Exception {
        assertFlat(soak(20_000, 10_000));
    }
}
