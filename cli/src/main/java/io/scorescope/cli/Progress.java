package io.scorescope.cli;

import io.scorescope.experiment.ProgressListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of one stage of work (training, sampling, analysis) on stderr. On a terminal: a redrawn ASCII bar.
 * Otherwise (stderr redirected to a file or a pipe, e.g. a CI log): plain lines "task done/total (p%) elapsed",
 * at most one per 10% of the total or per 30 s, and one final line when the stage closes.
 */
final class Progress implements ProgressListener.Task {
    static final long LOG_EVERY_NANOS = 30_000_000_000L;

    private final ProgressBar bar;           // interactive only
    private final LineConsumer consumer;     // interactive only
    private final PlainLines plain;          // non-interactive only

    Progress(String task, long total) { this(task, total, interactive(), System.err, System::nanoTime); }

    /** Progress bars on stderr for each task, and messages between tasks as plain stderr lines. */
    static ProgressListener listener() {
        return new ProgressListener() {
            @Override public Task start(String task, long total) { return new Progress(task, total); }
            @Override public void message(String line) { System.err.println(line); }
        };
    }

    /** For tests: the mode and the stream chosen explicitly. */
    Progress(String task, long total, boolean interactive, PrintStream err) { this(task, total, interactive, err, System::nanoTime); }

    Progress(String task, long total, boolean interactive, PrintStream err, LongSupplier nanoTime) {
        if (interactive) {
            consumer = new LineConsumer(err);
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(consumer)
                    .setUpdateIntervalMillis(250).continuousUpdate().showSpeed().build();
            plain = null;
        } else {
            consumer = null;
            bar = null;
            plain = new PlainLines(task, total, err, nanoTime);
        }
    }

    @Override public void stepTo(long done) {
        if (bar != null) bar.stepTo(done); else plain.stepTo(done);
    }

    void step() {
        if (bar != null) bar.step(); else plain.stepTo(plain.done + 1);
    }

    @Override public void note(String message) {
        if (bar != null) bar.setExtraMessage(message); else plain.extra = message;
    }

    /** Closes the bar and ends its line, so that a following error message starts on a line of its own. */
    @Override public void close() {
        if (bar != null) {
            bar.close();
            consumer.close();
        } else {
            plain.close();
        }
    }

    /**
     * Whether stderr is a terminal. {@link System#console()} is null unless stdin and stdout are terminals; on Linux
     * stderr itself is checked through /proc (a redirected stderr points to a file or a pipe, not /dev/pts or /dev/tty).
     * TERM=dumb counts as not interactive.
     */
    static boolean interactive() {
        if (System.console() == null || "dumb".equals(System.getenv("TERM"))) return false;
        Path fd2 = Path.of("/proc/self/fd/2");
        if (!Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return true;   // no /proc: trust the console
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    /** The non-interactive form: a line per 10% of the total or per 30 s, and a final line. */
    private static final class PlainLines {
        private final String task;
        private final long total;
        private final PrintStream err;
        private final LongSupplier nanoTime;
        private final long start;
        private long done, printedDone = -1, lastPrint;
        private String extra = "";
        private boolean closed;

        PlainLines(String task, long total, PrintStream err, LongSupplier nanoTime) {
            this.task = task;
            this.total = total;
            this.err = err;
            this.nanoTime = nanoTime;
            this.start = nanoTime.getAsLong();
            this.lastPrint = start;
        }

        synchronized void stepTo(long n) {
            done = n;
            if (closed || done >= total) return;   // the final line says 100%
            long now = nanoTime.getAsLong();
            long step = Math.max(1, (total + 9) / 10);
            boolean nextTenth = done / step > Math.max(printedDone, 0) / step;
            boolean quiet = now - lastPrint >= LOG_EVERY_NANOS && done != printedDone;
            if (nextTenth || quiet) print(now);
        }

        synchronized void close() {
            if (closed) return;
            closed = true;
            print(nanoTime.getAsLong());
        }

        private void print(long now) {
            double percent = total > 0 ? 100.0 * Math.min(done, total) / total : 100;
            String line = String.format(Locale.ROOT, "%s %d/%d (%d%%) %s", task, done, total, (long) Math.floor(percent),
                    elapsed(now - start));
            err.println(extra == null || extra.isBlank() ? line : line + " " + extra.strip());
            err.flush();
            printedDone = done;
            lastPrint = now;
        }

        private static String elapsed(long nanos) {
            long s = Math.max(0, nanos) / 1_000_000_000L;
            return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d:%02d min", s / 60, s % 60);
        }
    }

    /** Ends the bar's line exactly once, whether or not the bar closed its consumer itself (it may not, on an early stop). */
    private static final class LineConsumer extends me.tongfei.progressbar.ConsoleProgressBarConsumer {
        private boolean lineOpen;

        LineConsumer(PrintStream err) { super(err); }

        @Override public synchronized void accept(String rendered) {
            super.accept(rendered);
            lineOpen = true;
        }

        @Override public synchronized void close() {
            if (lineOpen) super.close();
            lineOpen = false;
        }
    }
}
