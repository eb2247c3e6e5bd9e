package io.scorescope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad plans and an unreachable master: one line on stderr, exit 2, nothing written. */
class SweepBadInputTest {
    @TempDir Path tmp;

    @Test void unknownAxis() throws Exception { bad("name: t\naxes:\n  data: [sphere]\n  colour: [red]\n", "local[2]", "unknown axis 'colour'"); }

    @Test void unknownDataSpec() throws Exception { bad("name: t\naxes:\n  data: [no-such-manifold]\n", "local[2]", "unknown data spec 'no-such-manifold'"); }

    @Test void emptyGrid() throws Exception { bad("name: t\naxes:\n  data: [sphere]\n  seed: []\n", "local[2]", "the grid has no cell"); }

    @Test void unreadableFile() {
        Path out = tmp.resolve("out");
        Result r = run("--plan", tmp.resolve("no-such-plan.yaml").toString(), "--out", out.toString());
        r.assertBad("cannot read plan");
        assertFalse(Files.exists(out));
    }

    @Test void unreachableMaster() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        bad("name: t\naxes:\n  data: [sphere]\n  budget: [tiny]\n", "spark://127.0.0.1:" + port, "cannot reach the Spark master");
    }

    @Test void unknownArgument() {
        run("--plan", "x", "--out", tmp.resolve("o").toString(), "--colour").assertBad("unknown argument '--colour'");
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    private void bad(String yaml, String master, String message) throws Exception {
        Path plan = tmp.resolve("plan.yaml"), out = tmp.resolve("out");
        Files.writeString(plan, yaml);
        run("--plan", plan.toString(), "--out", out.toString(), "--master", master).assertBad(message);
        assertFalse(Files.exists(out), "nothing written");
    }

    record Result(int code, String err) {
        void assertBad(String part) {
            assertEquals(2, code, err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("scorescope: ") && err.contains(part), err);
        }
    }

    static Result run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Sweep.run(args);
            return new Result(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }
}
