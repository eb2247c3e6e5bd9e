package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four JVMs started at once against an empty JavaCPP cache all load libtorch (before {@link NativeCache}, most of
 * them crashed with SIGBUS in ld-linux: 5 of 8 in two such starts).
 */
class NativeCacheConcurrencyTest {
    @TempDir Path tmp;

    @Test @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void fourJvmsAgainstAnEmptyCacheAllSucceed() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("empty-cache"));
        List<Process> jvms = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                        "-Dorg.bytedeco.javacpp.cachedir=" + cache, "-cp", System.getProperty("java.class.path"), NativeCache.class.getName())
                        .redirectErrorStream(true).redirectOutput(tmp.resolve("jvm-" + i + ".log").toFile());
                pb.environment().put("OPENBLAS_NUM_THREADS", "1");
                jvms.add(pb.start());
            }
            for (int i = 0; i < jvms.size(); i++) {
                assertTrue(jvms.get(i).waitFor(200, TimeUnit.SECONDS), "jvm " + i + " finished");
                String log = Files.readString(tmp.resolve("jvm-" + i + ".log"));
                assertEquals(0, jvms.get(i).exitValue(), "jvm " + i + ":\n" + log);
                assertTrue(log.contains("ok 1"), log);
            }
        } finally {
            jvms.forEach(p -> { p.descendants().forEach(ProcessHandle::destroyForcibly); p.destroyForcibly(); });
        }
    }
}
