package io.scorescope.training;

/** The mean training loss over the {@code logEvery} steps ending at {@code step} (1-based), and the lr then. */
public record LossRecord(int step, double loss, double lr) {}
