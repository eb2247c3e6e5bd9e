package io.scorescope.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;

/**
 * Denoising-score-matching hyper-parameters. Defaults follow the recipe of docs/science.md that reaches the
 * Bayes floor on the default sphere: batch 512, Adam 2e-3 with linear warm-up and cosine decay by step
 * count, EMA 0.999, sigma log-uniform in [0.01, 2].
 */
public record TrainConfig(int steps, int batch, double lr, int warmup, double emaDecay, double sigmaMin,
                          double sigmaMax, NoiseDistribution noise, long seed, int checkpointEvery, int logEvery) {

    public static final TrainConfig DEFAULT = new TrainConfig(30_000, 512, 2e-3, 1000, 0.999, 0.01, 2.0,
            NoiseDistribution.LOG_UNIFORM, 0, 5000, 50);

    public TrainConfig {
        if (steps < 1) throw new InputException("--steps must be >= 1, got " + steps);
        if (batch < 1) throw new InputException("--batch must be >= 1, got " + batch);
        if (!(lr > 0) || !Double.isFinite(lr)) throw new InputException("--lr must be positive and finite, got " + lr);
        if (warmup < 0) throw new InputException("--warmup must be >= 0, got " + warmup);
        if (!(emaDecay >= 0 && emaDecay < 1)) throw new InputException("--ema must be in [0, 1), got " + emaDecay);
        if (!(sigmaMin > 0) || !(sigmaMax > sigmaMin) || !Double.isFinite(sigmaMax))
            throw new InputException("need 0 < sigma_min < sigma_max, got " + sigmaMin + ", " + sigmaMax);
        if (checkpointEvery < 1 || logEvery < 1) throw new InputException("checkpoint and log intervals must be >= 1");
        if (checkpointEvery % logEvery != 0)
            throw new InputException("the checkpoint interval (" + checkpointEvery + ") must be a multiple of the log interval (" + logEvery + ")");
    }

    public TrainConfig withSteps(int s) { return new TrainConfig(s, batch, lr, Math.min(warmup, s / 10), emaDecay, sigmaMin, sigmaMax, noise, seed, checkpointEvery, logEvery); }
    public TrainConfig withSeed(long s) { return new TrainConfig(steps, batch, lr, warmup, emaDecay, sigmaMin, sigmaMax, noise, s, checkpointEvery, logEvery); }
    public TrainConfig withLr(double l) { return new TrainConfig(steps, batch, l, warmup, emaDecay, sigmaMin, sigmaMax, noise, seed, checkpointEvery, logEvery); }
    public TrainConfig withBatch(int b) { return new TrainConfig(steps, b, lr, warmup, emaDecay, sigmaMin, sigmaMax, noise, seed, checkpointEvery, logEvery); }
    public TrainConfig withCheckpointEvery(int c) { return new TrainConfig(steps, batch, lr, warmup, emaDecay, sigmaMin, sigmaMax, noise, seed, c, logEvery); }
    public TrainConfig withLogEvery(int l) { return new TrainConfig(steps, batch, lr, warmup, emaDecay, sigmaMin, sigmaMax, noise, seed, checkpointEvery, l); }
    public TrainConfig withSigmaRange(double lo, double hi) { return new TrainConfig(steps, batch, lr, warmup, emaDecay, lo, hi, noise, seed, checkpointEvery, logEvery); }
    public TrainConfig withNoise(NoiseDistribution n) { return new TrainConfig(steps, batch, lr, warmup, emaDecay, sigmaMin, sigmaMax, n, seed, checkpointEvery, logEvery); }

    /** lr(t): linear warm-up over the first {@code warmup} steps, then cosine decay to 0 at {@code steps}. */
    public double learningRate(int step) {
        if (step < warmup) return lr * (step + 1) / warmup;
        double progress = (step - warmup) / (double) Math.max(1, steps - warmup);
        return lr * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("steps", steps).put("batch", batch).put("lr", lr).put("warmup", warmup).put("ema_decay", emaDecay)
                .put("sigma_min", sigmaMin).put("sigma_max", sigmaMax).put("noise", noise.cliName()).put("seed", seed)
                .put("checkpoint_every", checkpointEvery).put("log_every", logEvery);
        return o;
    }

    public static TrainConfig fromJson(ObjectNode o) {
        return new TrainConfig(o.get("steps").asInt(), o.get("batch").asInt(), o.get("lr").asDouble(), o.get("warmup").asInt(),
                o.get("ema_decay").asDouble(), o.get("sigma_min").asDouble(), o.get("sigma_max").asDouble(),
                NoiseDistribution.byName(o.get("noise").asText()), o.get("seed").asLong(), o.get("checkpoint_every").asInt(),
                o.get("log_every").asInt());
    }
}
