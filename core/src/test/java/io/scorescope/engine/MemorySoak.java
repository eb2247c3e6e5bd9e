package io.scorescope.engine;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.model.ScoreModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link MemorySoakTest}: interleaves DSM training steps (fresh batches, as the trainer draws
 * them) with single-point Jacobian + SVD calls and prints resident memory (VmRSS, kB) after a warm-up tenth
 * and its maximum over the rest: {@code rss_kb warm=W max=M final=F}. Args: training steps, Jacobians.
 */
public final class MemorySoak {
    private MemorySoak() {}

    public static void main(String[] args) throws IOException {
        int steps = Integer.parseInt(args[0]), jacobians = Integer.parseInt(args[1]);
        ScoreModel model = ScoreModel.create(new ModelSpec(3, 64, 3, 4, Parameterisation.EPS, 1), 1);
        ScoreNetwork net = model.network();
        Rng rng = new Rng(2);
        int rounds = Math.max(steps, jacobians), warm = rounds / 10;
        long warmRss = 0, maxRss = 0;
        for (int i = 0; i < rounds; i++) {
            if ((long) i * steps / rounds != (long) (i + 1) * steps / rounds) {
                Mat x = rng.gaussian(128, 3), eps = rng.gaussian(128, 3);
                double[] sigma = new double[128], w = new double[128];
                for (int b = 0; b < 128; b++) { sigma[b] = Math.exp(rng.uniform(-4, 0.7)); w[b] = 1; }
                net.trainStep(x, model.conditioning(sigma), sigma, eps, w, 1e-3, AdamConfig.DEFAULT, 0.999);
            }
            if ((long) i * jacobians / rounds != (long) (i + 1) * jacobians / rounds)
                Linalg.svd(model.jacobian(rng.gaussian(1, 3), 0.1));
            if (i + 1 == warm) warmRss = rss();
            if (i + 1 > warm && (i + 1) % Math.max(1, rounds / 40) == 0) maxRss = Math.max(maxRss, rss());
        }
        System.out.println("rss_kb warm=" + warmRss + " max=" + maxRss + " final=" + rss());
    }

    /** Resident set size in kB from /proc/self/status. */
    static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
