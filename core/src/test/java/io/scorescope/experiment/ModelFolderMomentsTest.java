package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.TrainingData;
import io.scorescope.evaluate.DenoisingTable;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.sde.Prior;
import io.scorescope.training.DataMoments;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image model folder stores its training moments; a folder without them gets the same moments from its data; image
 * models sample from the Gaussian with those moments, manifold models from N(0, sigma_max^2 I).
 */
class ModelFolderMomentsTest {
    @Test
    void imageModelFolderStoresMomentsAndAnOlderFolderComputesTheSame(@TempDir Path dir) throws Exception {
        TrainingData td = TrainingData.resolve("digits:digits=0,1,n=120", 2, 0);
        ModelSpec spec = new ModelSpec(64, 16, 2, 4, Parameterisation.EPS, td.sigmaData());
        ModelFolder.train(dir, spec, td, TrainConfig.DEFAULT.withSteps(3).withBatch(16).withSeed(2), Trainer.Listener.NONE);
        assertTrue(Files.size(dir.resolve(DataMoments.FILE)) < 20_000, "64 + 64^2 floats and a header");
        ModelSource src = ModelSource.fromCheckpoint(dir);
        DataMoments stored = src.trainingMoments(td);
        // stored moments: the sampler's prior needs no data (a folder whose training images are not on this machine)
        Prior withoutData = src.samplerPrior(() -> { throw new AssertionError("the data were read although the moments are stored"); });
        assertArrayEquals(stored.mean(), ((Prior.Moments) withoutData).mean(), 0);
        assertEquals("stored", stored.origin());
        assertEquals(120, stored.n());
        DenoisingTable a = DenoisingTable.measure(src.field(), stored, td.points().rows(0, 30), 4);

        Files.delete(dir.resolve(DataMoments.FILE));   // a folder written before the file existed
        DataMoments computed = ModelSource.fromCheckpoint(dir).trainingMoments(td);
        assertEquals("computed", computed.origin());
        assertArrayEquals(stored.mean(), computed.mean(), 0);
        assertArrayEquals(stored.covariance().data(), computed.covariance().data(), 0);
        DenoisingTable b = DenoisingTable.measure(src.field(), computed, td.points().rows(0, 30), 4);
        assertEquals(a.rows(), b.rows());
        assertTrue(a.moments().startsWith("stored") && b.moments().startsWith("computed"));

        // the sampler starts from N(mu, Sigma + sigma_max^2 I) with these moments
        Prior.Moments prior = (Prior.Moments) src.samplerPrior(td);
        assertArrayEquals(computed.mean(), prior.mean(), 0);
        assertArrayEquals(computed.covariance().data(), prior.covariance().data(), 0);
    }

    @Test
    void manifoldModelFoldersHaveNoMomentsFile(@TempDir Path dir) {
        TrainingData td = TrainingData.resolve("circle", 200, 1);
        ModelSpec spec = new ModelSpec(2, 16, 2, 4, Parameterisation.EPS, td.sigmaData());
        ModelFolder.train(dir, spec, td, TrainConfig.DEFAULT.withSteps(2).withBatch(16), Trainer.Listener.NONE);
        assertTrue(!Files.exists(dir.resolve(DataMoments.FILE)));
        assertEquals(Prior.ISOTROPIC, ModelSource.fromCheckpoint(dir).samplerPrior(td), "manifolds: N(0, sigma_max^2 I)");
    }
}
