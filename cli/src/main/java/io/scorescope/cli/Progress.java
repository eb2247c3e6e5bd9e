package io.scorescope.cli;

import io.scorescope.experiment.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for one stage of work (training, sampling, analysis). */
final class Progress implements ProgressListener.Task {
    private final ProgressBar bar;
    private final LineConsumer consumer = new LineConsumer();

    Progress(String task, long total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(consumer)
                .setUpdateIntervalMillis(250).continuousUpdate().showSpeed().build();
    }

    @Override public void stepTo(long done) { bar.stepTo(done); }

    void step() { bar.step(); }

    @Override public void note(String message) { bar.setExtraMessage(message); }

    /** Closes the bar and ends its line, so that a following error message starts on a line of its own. */
    @Override public void close() {
        bar.close();
        consumer.close();
    }

    /** Ends the bar's line exactly once, whether or not the bar closed its consumer itself (it may not, on an early stop). */
    private static final class LineConsumer extends me.tongfei.progressbar.ConsoleProgressBarConsumer {
        private boolean lineOpen;

        LineConsumer() { super(System.err); }

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
