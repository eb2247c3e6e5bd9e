package io.scorescope.report;

import io.scorescope.data.ImageDataset;
import io.scorescope.data.ImageSets;
import io.scorescope.engine.Linalg;
import io.scorescope.evaluate.Memorisation;
import io.scorescope.evaluate.SoftmaxClassifier;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.Architecture;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.model.ScoreModel;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.sde.Samplers;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timings and a short digits run (not part of the suite: run with -Dtest=ImageBenchmark; writes to /tmp). */
class ImageBenchmark {
    static double msPerStep(ScoreModel m, Mat data, int batch, int steps) {
        Rng r = new Rng(1);
        Mat x = new Mat(batch, data.cols());
        double[] sigma = new double[batch], w = new double[batch];
        for (int b = 0; b < batch; b++) { x.setRow(b, data.row(r.nextInt(data.rows()))); sigma[b] = 0.5; w[b] = 1; }
        Mat eps = r.gaussian(batch, data.cols());
        for (int i = 0; i < 3; i++) m.network().trainStep(x, m.conditioning(sigma), sigma, eps, w, 1e-4, io.scorescope.engine.AdamConfig.DEFAULT, 0.999);
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) m.network().trainStep(x, m.conditioning(sigma), sigma, eps, w, 1e-4, io.scorescope.engine.AdamConfig.DEFAULT, 0.999);
        return (System.nanoTime() - t0) / 1e6 / steps;
    }

    @Test
    void run() {
        ImageDataset mnist = ImageSets.resolve("mnist:split=all"), digits = ImageSets.resolve("digits");
        ScoreModel mlp64 = ScoreModel.create(new ModelSpec(64, 256, 4, 8, Parameterisation.EPS, 0.6), 1);
        ScoreModel mlp784 = ScoreModel.create(new ModelSpec(784, 1024, 4, 8, Parameterisation.EPS, 0.6), 1);
        ScoreModel unet = ScoreModel.create(new ModelSpec(784, 32, 1, 8, Parameterisation.EPS, 0.6, Architecture.unet(1, 28, 28)), 1);
        System.out.printf("BENCH mlp D=64 4x256 batch 256: %.2f ms/step%n", msPerStep(mlp64, digits.images(), 256, 50));
        System.out.printf("BENCH mlp D=784 4x1024 batch 256: %.2f ms/step%n", msPerStep(mlp784, mnist.images(), 256, 10));
        System.out.printf("BENCH unet 28x28 base 32 (%d params) batch 128: %.1f ms/step%n", unet.network().parameterCount(), msPerStep(unet, mnist.images(), 128, 3));
        Mat x = mnist.images().rows(0, 4);
        double[] s4 = {0.3, 0.3, 0.3, 0.3};
        mlp784.jacobian(x, s4);
        long t0 = System.nanoTime();
        Mat[] j = mlp784.jacobian(x, s4);
        long t1 = System.nanoTime();
        Linalg.svd(j);
        long t2 = System.nanoTime();
        System.out.printf("BENCH mlp D=784 forward-mode Jacobian %.1f ms/point, SVD %.1f ms/point%n", (t1 - t0) / 4e6, (t2 - t1) / 4e6);
        t0 = System.nanoTime();
        Mat[] ju = unet.jacobian(x.rows(0, 1), new double[] {0.3});
        t1 = System.nanoTime();
        Linalg.svd(ju);
        t2 = System.nanoTime();
        System.out.printf("BENCH unet 28x28 reverse-mode Jacobian %.1f ms/point, SVD %.1f ms/point%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);

        // short digits run: MLP, budget ~100 s of training
        ImageDataset test = ImageSets.resolve("digits:split=test");
        ModelSpec spec = new ModelSpec(64, 256, 4, 8, Parameterisation.EPS, 0.6);
        double ms = msPerStep(ScoreModel.create(spec, 2), digits.images(), 256, 30);
        int steps = (int) Math.min(40000, 100_000 / ms) / 50 * 50;
        long tt = System.nanoTime();
        Trainer.Result r = Trainer.train(Path.of("/tmp/images-digits-run"), spec, digits.images(), digits.info(),
                TrainConfig.DEFAULT.withSteps(steps).withBatch(256).withCheckpointEvery(steps).withSigmaRange(0.01, 4), Trainer.Listener.NONE);
        System.out.printf("BENCH digits MLP %d steps in %.0f s, final loss %.4f%n", steps, (System.nanoTime() - tt) / 1e9, r.history().get(r.history().size() - 1).loss());
        SamplerConfig cfg = SamplerConfig.defaults(0.01, 4);
        Mat samples = Samplers.sample(r.model(), Prior.ISOTROPIC.draw(100, 64, cfg.sigmaMax(), new Rng(7)), cfg, new Rng(8), st -> { });
        SoftmaxClassifier c = SoftmaxClassifier.train(digits.images(), digits.labels(), SoftmaxClassifier.Config.DEFAULT);
        SoftmaxClassifier.SampleReport q = c.onSamples(samples);
        Memorisation m = Memorisation.measure(samples, digits.images(), test.images());
        System.out.printf("BENCH classifier test accuracy %.3f; samples: %s; memorisation %s%n",
                c.accuracy(test.images(), test.labels()), q.toJson(), m.toJson());
        Section s = new Section("digits", "Digits samples", "", Badge.notEvaluated("figures only"), "", List.of(),
                List.of(ImageFigures.sampleGrid("samples", "MLP digits samples", samples, digits, 10)), null, List.of());
        ReportFiles.writeAll(new Report("digits", "benchmark", Json.object(), List.of(s)), Path.of("/tmp/images-digits-report"));
    }
}
