package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.training.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training survives a kill -9 (resume equals an uninterrupted run) and stops cleanly on divergence. */
class TrainRobustnessTest {
    private static final String[] RUN = {"train", "--data", "sphere", "--steps", "3000", "--batch", "32", "--hidden", "16",
            "--depth", "2", "--n-train", "300", "--checkpoint-every", "50", "--seed", "11"};

    private static String[] with(String[] args, String... more) { return CliContractTest.cat(args, more); }

    /** The step of the checkpoint in dir, or -1 while there is none (or it is being replaced). */
    private static int checkpointStep(Path dir) {
        if (!Files.exists(dir.resolve(Checkpoint.WEIGHTS))) return -1;
        try {
            return Checkpoint.load(dir).step();
        } catch (InputException e) {
            return -1;
        }
    }

    @Test
    void killNineThenResumeEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path killed = tmp.resolve("killed"), whole = tmp.resolve("whole");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(with(RUN, "--out", killed.toString())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (checkpointStep(killed) < 200 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
            p.destroyForcibly();   // SIGKILL on Linux
            p.waitFor(30, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        int atKill = checkpointStep(killed);
        assertTrue(atKill >= 200 && atKill < 3000, "the child must be killed mid-run; checkpoint step " + atKill
                + ", log: " + Files.readString(tmp.resolve("child.log")));

        CliRun resumed = CliRun.of("train", "--out", killed.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.toString());
        CliRun full = CliRun.of(with(RUN, "--out", whole.toString()));
        assertEquals(0, full.code(), full.toString());

        assertEquals(Files.readString(whole.resolve(Checkpoint.LOSS)), Files.readString(killed.resolve(Checkpoint.LOSS)));
        var a = Checkpoint.load(whole);
        var b = Checkpoint.load(killed);
        assertEquals(3000, b.step());
        a.model().network().state().forEach((k, v) -> assertArrayEquals(v.data(), b.model().network().state().get(k).data(), k));
        assertTrue(Files.readAllLines(whole.resolve(Checkpoint.LOSS)).size() > 50);
    }

    @Test
    void anAbsurdLearningRateStopsWithOneLineAndLeavesNoCheckpoint(@TempDir Path tmp) {
        Path out = tmp.resolve("diverged");
        CliRun r = CliRun.of(with(RUN, "--out", out.toString(), "--lr", "1e12"));
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.messages().size(), r.toString());
        assertTrue(r.messages().get(0).contains("diverged") && r.messages().get(0).contains("no checkpoint"), r.toString());
        assertFalse(Files.exists(out.resolve(Checkpoint.WEIGHTS)));
    }

    /**
     * A NaN mid-run: one training point overflows float32 (1e39), so the step that first draws it (step 63 for
     * seed 2; batches depend only on the seed and the step) has a NaN loss. The run stops with one line and
     * the checkpoint of step 50 stays loadable.
     */
    @Test
    void aNanMidRunKeepsTheLastGoodCheckpoint(@TempDir Path tmp) throws IOException {
        Mat pts = new Rng(1).gaussian(1000, 3);
        pts.setRow(500, new double[] {1e39, 1e39, 1e39});
        Path data = tmp.resolve("poison.csv");
        Csv.write(data, new String[] {"x", "y", "z"}, pts);
        Path out = tmp.resolve("nan");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--steps", "3000", "--batch", "2", "--hidden", "16",
                "--depth", "2", "--checkpoint-every", "50", "--seed", "2", "--out", out.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.messages().size(), r.toString());
        assertTrue(r.messages().get(0).contains("diverged at step 63"), r.toString());
        Checkpoint.Loaded last = Checkpoint.load(out);
        assertEquals(50, last.step());
        assertTrue(r.messages().get(0).contains("checkpoint (step 50) is kept"), r.toString());
        assertTrue(last.history().stream().allMatch(h -> Double.isFinite(h.loss())));
        assertTrue(Double.isFinite(last.model().score(new Mat(1, 3), 0.5).get(0, 0)), "the kept weights are finite");
    }
}
