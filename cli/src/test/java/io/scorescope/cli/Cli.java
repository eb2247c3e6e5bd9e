package io.scorescope.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures its exit code, stdout and stderr (tests only). */
final class Cli {
    private Cli() {}

    record Result(int code, String out, String err) {
        /** The stderr lines, without blank ones and progress-bar redraws. */
        java.util.List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank() && l.startsWith("scorescope")).toList();
        }
    }

    static synchronized Result run(String... args) {
        PrintStream oldErr = System.err, oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream(), out = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }
}
