package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParallelTest {
    @ParameterizedTest
    @CsvSource({"1, 50", "3, 50", "4, 2", "2, 0"})
    void runsEveryTaskExactlyOnceOnAtMostTheThreadsAsked(int threads, int count) {
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        Parallel.forEach(threads, count, i -> {
            runs.incrementAndGet(i);
            seen.add(Thread.currentThread());
            try { Thread.sleep(2); } catch (InterruptedException e) { throw new IllegalStateException(e); }
        });
        for (int i = 0; i < count; i++) assertEquals(1, runs.get(i), "task " + i);
        assertTrue(seen.size() <= Math.max(1, Math.min(threads, count)), seen.size() + " threads");
        if (count > 0) assertTrue(seen.contains(Thread.currentThread()), "the caller works too");
    }

    @ParameterizedTest
    @CsvSource({"1", "3"})
    void aFailingTaskFailsTheCallAndStopsTheRest(int threads) {
        IllegalArgumentException boom = new IllegalArgumentException("task 5");
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        RuntimeException e = assertThrows(RuntimeException.class, () -> Parallel.forEach(threads, 1000, i -> {
            runs.incrementAndGet(i);
            if (i == 5) throw boom;
        }));
        assertSame(boom, e);
        int ran = 0;
        for (int i = 0; i < 1000; i++) ran += runs.get(i);
        assertTrue(ran < 1000, "tasks after the failure were not started (" + ran + " ran)");
    }
}
