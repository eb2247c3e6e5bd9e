package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * How much work may run side by side: cores / intra-op threads (at least 1); a convolutional training never shares.
 * The suite runs with SCORESCOPE_THREADS=1 (surefire environment), so an MLP holds one thread.
 */
class EngineThreadsTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void mlpTrainingsShareTheCoresOneThreadEach() {
        assertEquals(1, Engine.override().orElse(1), "the suite pins one intra-op thread");
        assertEquals(Math.max(1, CORES), Engine.concurrentTrainings(false));
        assertEquals(1, Engine.concurrentTrainings(true));
    }

    @Test
    void sideBySideFollowsTheIntraOpPool() {
        int before = Engine.threads();
        try {
            torch.set_num_threads(1);
            assertEquals(Math.max(1, CORES), Engine.sideBySide());
            torch.set_num_threads(CORES);
            assertEquals(1, Engine.sideBySide());
        } finally {
            torch.set_num_threads(before);
        }
    }
}
