package io.scorescope.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One in-process run of {@link Main#execute} with stdout and stderr captured. */
record CliRun(int code, String out, String err) {
    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Main.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The non-blank lines of stderr. */
    List<String> errLines() { return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank()).toList(); }

    /** The lines of stderr written by the CLI itself (progress bars excluded). */
    List<String> messages() { return errLines().stream().map(String::strip).filter(l -> l.startsWith("scorescope:")).toList(); }

    /** The stderr lines as a terminal finally shows them: progress-bar redraws (\r, %) removed, blanks dropped. */
    List<String> textLines() {
        return errLines().stream().map(l -> l.substring(l.lastIndexOf('\r') + 1)).filter(l -> !l.contains("%") && !l.isBlank()).toList();
    }

    @Override public String toString() { return "exit " + code + ", stderr:\n" + err + "\nstdout:\n" + out; }
}
