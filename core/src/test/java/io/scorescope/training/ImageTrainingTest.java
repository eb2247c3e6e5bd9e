package io.scorescope.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.ImageDataset;
import io.scorescope.data.ImageSets;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.Architecture;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.model.ScoreModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The U-Net through ScoreModel, Trainer and Checkpoint, on the 8x8 digits. */
class ImageTrainingTest {
    private static final ImageDataset DIGITS = ImageSets.resolve("digits:digits=0,1,n=200");
    private static final ModelSpec UNET = new ModelSpec(64, 8, 1, 4, Parameterisation.EPS, 0.6, Architecture.unet(1, 8, 8));

    @Test
    void unetLossDecreasesAndCheckpointRoundTrips(@TempDir Path tmp) {
        TrainConfig cfg = TrainConfig.DEFAULT.withSteps(150).withBatch(64).withLr(3e-3).withLogEvery(25).withCheckpointEvery(75).withSeed(3);
        Trainer.Result r = Trainer.train(tmp, UNET, DIGITS.images(), DIGITS.info(), cfg, Trainer.Listener.NONE);
        double first = r.history().get(0).loss(), last = r.history().get(r.history().size() - 1).loss();
        assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);

        Checkpoint.Loaded c = Checkpoint.load(tmp);
        assertEquals(UNET, c.model().spec());
        assertEquals("images", c.data().get("kind").asText());
        var a = r.model().network().state();
        var b = c.model().network().state();
        for (String k : a.keySet()) assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
        Mat x = DIGITS.images().rows(0, 3);
        double[] sigma = {0.1, 0.5, 1};
        assertArrayEquals(r.model().score(x, sigma).data(), c.model().score(x, sigma).data(), 1e-6);
        assertTrue(c.model().describe().startsWith("unet(1x8x8"));
    }

    @Test
    void mlpSpecJsonStaysAsBeforeAndUnetSpecRoundTrips() {
        ModelSpec mlp = new ModelSpec(64, 32, 2, 4, Parameterisation.EPS, 0.6);
        assertTrue(!mlp.toJson().has("architecture"), "MLP checkpoints keep their old model_spec");
        assertEquals(mlp, ModelSpec.fromJson(mlp.toJson()));
        assertEquals(UNET, ModelSpec.fromJson(UNET.toJson()));
        assertTrue(!UNET.toJson().has("bottleneck_blocks"), "one-block U-Net checkpoints keep their old model_spec");
        ModelSpec deep = new ModelSpec(64, 8, 1, 4, Parameterisation.EPS, 0.6, Architecture.unet(1, 8, 8, 3));
        assertEquals(3, deep.toJson().get("bottleneck_blocks").asInt());
        assertEquals(deep, ModelSpec.fromJson(deep.toJson()));
        assertTrue(ScoreModel.parameterCount(deep) > ScoreModel.parameterCount(UNET));
        assertTrue(ScoreModel.create(deep, 1).describe().contains("3 bottleneck blocks"));
        ScoreModel m = ScoreModel.create(UNET, 1);
        Mat x = new Rng(1).gaussian(2, 64);
        Mat[] j = m.jacobian(x, new double[] {0.2, 0.2});
        Mat[] jr = m.jacobianReverse(x, new double[] {0.2, 0.2});
        assertArrayEquals(jr[1].data(), j[1].data(), 1e-12);   // forward mode (the U-Net's jacobian) against reverse mode: round-off apart
    }
}
