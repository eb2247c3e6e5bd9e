package io.scorescope.training;

import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTimingTest {
    @Test
    void time() {
        Mat data = new Rng(1).gaussian(20000, 3);
        for (Parameterisation p : new Parameterisation[] {Parameterisation.EPS, Parameterisation.ENERGY}) {
            ModelSpec spec = new ModelSpec(3, 128, 4, 8, p, 0.577);
            long t0 = System.nanoTime();
            Trainer.train(Path.of("/tmp/scratch/" + p), spec, data, Json.object(), TrainConfig.DEFAULT.withSteps(1000).withCheckpointEvery(1000), Trainer.Listener.NONE);
            System.out.println(p + " ms/step " + (System.nanoTime() - t0) / 1e6 / 1000);
        }
    }
}
