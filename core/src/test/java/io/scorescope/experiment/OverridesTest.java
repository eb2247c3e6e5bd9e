package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scorescope.io.InputException;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.training.TrainConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OverridesTest {
    private final ModelSpec eps = new ModelSpec(3, 128, 4, 8, Parameterisation.EPS, 1.0);
    private final ModelSpec energy = new ModelSpec(3, 128, 4, 8, Parameterisation.ENERGY, 1.0);

    @Test void noneChangesNothingAndIsWhatReproduceUses() {
        assertSame(eps, Overrides.NONE.apply(eps, false));
        TrainConfig cfg = TrainConfig.DEFAULT.withSteps(100);
        assertSame(cfg, Overrides.NONE.apply(cfg));
        assertEquals(Overrides.NONE, new Experiment.Settings("sphere", "tiny", 0, null, null, null, Path.of("x")).overrides());
        assertEquals(Overrides.NONE, new Experiment.Settings("sphere", "tiny", 0, null, null, null, Path.of("x"), null).overrides());
    }

    @Test void parameterisationOnlyForTheModelSizesForBoth() {
        Overrides o = new Overrides(Parameterisation.EDM, 64, 3, 500);
        ModelSpec m = o.apply(eps, false), c = o.apply(energy, true);
        assertEquals(Parameterisation.EDM, m.parameterisation());
        assertEquals(Parameterisation.ENERGY, c.parameterisation());
        assertEquals(64, m.hidden());
        assertEquals(64, c.hidden());
        assertEquals(3, c.depth());
        assertEquals(500, o.apply(TrainConfig.DEFAULT).steps());
        assertEquals("{\"model_parameterisation\":\"edm\",\"hidden\":64,\"depth\":3,\"train_steps\":500}",
                o.toJson().toString());
    }

    @Test void rejectsNonPositiveSizes() {
        assertThrows(InputException.class, () -> new Overrides(null, 0, null, null));
        assertThrows(InputException.class, () -> new Overrides(null, null, null, -1));
    }
}
