package io.scorescope.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for one stage of work (training, sampling, analysis). */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    Progress(String task, long total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250).continuousUpdate().showSpeed().build();
    }

    void stepTo(long done) { bar.stepTo(done); }

    void step() { bar.step(); }

    void extra(String message) { bar.setExtraMessage(message); }

    @Override public void close() { bar.close(); }
}
