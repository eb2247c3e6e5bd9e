package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scorescope.engine.ParamArray;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two trainings on two threads give the weights of the same trainings one after the other. */
class SideBySideTest {
    private static final TrainConfig CFG = TrainConfig.DEFAULT.withLogEvery(10).withSteps(40).withBatch(64).withCheckpointEvery(40).withSeed(3);
    private static final Mat DATA = new Rng(1).gaussian(200, 3);
    private static final ModelSpec SCORE = new ModelSpec(3, 32, 2, 4, Parameterisation.EPS, 0.6);
    private static final ModelSpec ENERGY = new ModelSpec(3, 32, 2, 4, Parameterisation.ENERGY, 0.6);

    private static Map<String, ParamArray> train(Path dir, ModelSpec spec) {
        return Trainer.train(dir, spec, DATA, Json.object(), CFG, Trainer.Listener.NONE).model().network().state();
    }

    @Test
    void concurrentTrainingsEqualSequentialOnes(@TempDir Path tmp) {
        SideBySide.Both<Map<String, ParamArray>, Map<String, ParamArray>> apart = SideBySide.run(false,
                () -> train(tmp.resolve("a1"), SCORE), () -> train(tmp.resolve("a2"), ENERGY));
        SideBySide.Both<Map<String, ParamArray>, Map<String, ParamArray>> together = SideBySide.run(true,
                () -> train(tmp.resolve("b1"), SCORE), () -> train(tmp.resolve("b2"), ENERGY));
        for (String k : apart.first().keySet()) {
            assertArrayEquals(apart.first().get(k).data(), together.first().get(k).data(), "score model " + k);
            assertArrayEquals(apart.second().get(k).data(), together.second().get(k).data(), "energy control " + k);
        }
        assertNotEquals(apart.first().get("param").data().length, apart.second().get("param").data().length);
    }

    @Test
    void theSecondRunsOnItsOwnThreadOnlyWhenParallel() {
        SideBySide.Both<Boolean, Boolean> parallel = SideBySide.run(true, SideBySide::inSecond, SideBySide::inSecond);
        assertEquals(false, parallel.first());
        assertEquals(true, parallel.second());
        SideBySide.Both<Boolean, Boolean> serial = SideBySide.run(false, SideBySide::inSecond, SideBySide::inSecond);
        assertEquals(false, serial.second());
    }

    @Test
    void aFailureOfEitherIsRethrownAsThrown() {
        InputException bad = new InputException("bad input");
        assertSame(bad, assertThrows(InputException.class, () -> SideBySide.run(true, () -> 1, () -> { throw bad; })));
        assertSame(bad, assertThrows(InputException.class, () -> SideBySide.run(true, () -> { throw bad; }, () -> 2)));
    }
}
