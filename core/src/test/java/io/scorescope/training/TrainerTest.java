package io.scorescope.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.model.ScoreModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final ModelSpec SPEC = new ModelSpec(3, 32, 2, 4, Parameterisation.EPS, 0.6);
    private static final TrainConfig CFG = TrainConfig.DEFAULT.withLogEvery(10).withSteps(60).withBatch(64).withCheckpointEvery(20).withSeed(5);
    private static final Mat DATA = new Rng(1).gaussian(200, 3);

    private static final class Interrupt extends RuntimeException {}

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) {
        Trainer.Result full = Trainer.train(tmp.resolve("a"), SPEC, DATA, Json.object(), CFG, Trainer.Listener.NONE);
        Path b = tmp.resolve("b");
        assertThrows(Interrupt.class, () -> Trainer.train(b, SPEC, DATA, Json.object(), CFG, (s, t, l, r) -> {
            if (s == 47) throw new Interrupt();   // dies after the step-40 checkpoint
        }));
        assertEquals(40, Checkpoint.load(b).step());
        Trainer.Result resumed = Trainer.resume(b, DATA, Trainer.Listener.NONE);
        assertEquals(full.history(), resumed.history());
        var wa = full.model().network().state();
        var wb = Checkpoint.load(b).model().network().state();
        for (String k : wa.keySet()) assertArrayEquals(wa.get(k).data(), wb.get(k).data(), k);
    }

    /** The exact score of N(0, I) smoothed by sigma: g = -x / (1 + sigma^2). */
    private static final ScoreField STANDARD_NORMAL = new ScoreField() {
        @Override public int dim() { return 3; }
        @Override public Mat score(Mat x, double[] sigma) {
            Mat g = x.copy();
            for (int i = 0; i < x.rows(); i++) for (int k = 0; k < 3; k++) g.set(i, k, -x.get(i, k) / (1 + sigma[i] * sigma[i]));
            return g;
        }
        @Override public String describe() { return "N(0, I)"; }
    };

    @Test
    void trainingOnGaussianDataApproachesTheBayesFloor(@TempDir Path tmp) {
        Mat data = new Rng(9).gaussian(4000, 3);
        ScoreModel untrained = ScoreModel.create(SPEC, 2);
        Trainer.Result r = Trainer.train(tmp, SPEC, data, Json.object(),
                TrainConfig.DEFAULT.withSteps(3000).withBatch(256).withSeed(2), Trainer.Listener.NONE);
        Rng rng = new Rng(77);
        int n = 4000;
        Mat x = new Mat(n, 3), eps = rng.gaussian(n, 3);
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            sigma[i] = NoiseDistribution.LOG_UNIFORM.draw(rng, 0.01, 2);
            for (int k = 0; k < 3; k++) x.set(i, k, rng.gaussian() + sigma[i] * eps.get(i, k));
        }
        double floor = Trainer.dsmLoss(STANDARD_NORMAL, x, sigma, eps);
        double before = Trainer.dsmLoss(untrained, x, sigma, eps) - floor;
        double after = Trainer.dsmLoss(r.model(), x, sigma, eps) - floor;
        assertTrue(before > 0.05, "untrained excess " + before);
        assertTrue(after < 0.01 && after < before / 10, "untrained " + before + ", " + "trained excess " + after + " (floor " + floor + ")");
    }

    @Test
    void truncatedCheckpointIsRejected(@TempDir Path tmp) throws IOException {
        Trainer.train(tmp, SPEC, DATA, Json.object(), CFG.withSteps(5), Trainer.Listener.NONE);
        Path f = tmp.resolve(Checkpoint.WEIGHTS);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 1));
        InputException e = assertThrows(InputException.class, () -> Checkpoint.load(tmp));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void corruptedByteIsDetectedByChecksum(@TempDir Path tmp) throws IOException {
        Trainer.train(tmp, SPEC, DATA, Json.object(), CFG.withSteps(5), Trainer.Listener.NONE);
        Path f = tmp.resolve(Checkpoint.WEIGHTS);
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(f, bytes);
        InputException e = assertThrows(InputException.class, () -> Checkpoint.load(tmp));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void absurdLearningRateStopsWithClearMessageAndKeepsLastCheckpoint(@TempDir Path tmp) {
        // first a sane run that leaves a checkpoint, then an absurd continuation in the same folder
        TrainConfig bad = CFG.withLr(1e30).withSteps(200);
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> Trainer.train(tmp, SPEC, DATA, Json.object(), bad, Trainer.Listener.NONE));
        assertTrue(e.getMessage().startsWith("training diverged at step"), e.getMessage());
        if (Files.exists(tmp.resolve(Checkpoint.WEIGHTS))) {
            Checkpoint.Loaded c = Checkpoint.load(tmp);
            assertTrue(c.model().network().state().values().stream()
                    .allMatch(p -> { for (float v : p.data()) if (!Float.isFinite(v)) return false; return true; }));
        }
    }
}
