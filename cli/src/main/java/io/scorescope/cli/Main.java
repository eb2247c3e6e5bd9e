package io.scorescope.cli;

import io.scorescope.io.AtomicFiles;
import io.scorescope.io.BuildInfo;
import io.scorescope.io.InputException;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scorescope}: train score models on manifold data, sample sequences, dissect the learned field.
 * Exit codes: 0 success, 2 usage, input or file-system error (one line on stderr), 1 internal error.
 */
@Command(name = "scorescope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train score-based generative models on manifolds and analyse the geometry of the learned score field.",
        subcommands = {DataCommand.class, TrainCommand.class, SampleCommand.class, EvaluateCommand.class, AnalyzeCommand.class,
                ReproduceCommand.class, ExportCommand.class, LidCommand.class, LidBenchCommand.class})
public final class Main implements Runnable {
    public static final int USAGE = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            Throwable t = ex;
            while (!(t instanceof InputException) && t.getCause() != null && t.getCause() != t) t = t.getCause();
            if (t instanceof InputException) {
                cmd.getErr().println("scorescope: " + oneLine(t.getMessage()));
                return USAGE;
            }
            IOException io = ioCause(ex);
            if (io != null) {   // a file-system problem (full disk, permissions, a file in the way): words, not class names
                cmd.getErr().println("scorescope: " + oneLine(AtomicFiles.describe(io)));
                return USAGE;
            }
            if (t instanceof OutOfMemoryError) {
                cmd.getErr().println("scorescope: out of memory (" + oneLine(t.getMessage()) + "); try a smaller batch or -Xmx");
                return 1;
            }
            cmd.getErr().println("scorescope: internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage())
                    + (System.getenv("SCORESCOPE_DEBUG") == null ? " (set SCORESCOPE_DEBUG=1 for a stack trace)" : ""));
            if (System.getenv("SCORESCOPE_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            ex.getCommandLine().getErr().println("scorescope: " + oneLine(ex.getMessage())
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        return cl.execute(args);
    }

    /** The first IOException among t and its causes, or null. */
    static IOException ioCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause())
            if (c instanceof IOException io) return io;
        return null;
    }

    static String oneLine(String s) {
        if (s == null) return "";
        return s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    /** --version. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"scorescope " + BuildInfo.VERSION, "engine: " + BuildInfo.engine(),
                    "java: " + System.getProperty("java.version")};
        }
    }
}
