package io.scorescope.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Independent native tasks on a few Java threads at once, each thread opening its own {@link Engine.Scope}s. */
final class Parallel {
    private Parallel() {}

    /**
     * Runs task(0), ..., task(count - 1) on {@code threads} threads (the caller's among them), each thread taking the
     * next unstarted index; returns when all are done. The first failure is rethrown after the others have stopped
     * taking tasks.
     */
    static void forEach(int threads, int count, IntConsumer task) {
        int extra = Math.min(threads, count) - 1;
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                try {
                    task.accept(i);
                } catch (RuntimeException | Error e) {
                    next.set(count);
                    throw e;
                }
            }
        };
        if (extra <= 0) {
            drain.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(extra, r -> {
            Thread t = new Thread(r, "scorescope-native-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < extra; i++) others.add(pool.submit(drain));
            RuntimeException first = null;
            try {
                drain.run();
            } catch (RuntimeException e) {
                first = e;
            }
            for (Future<?> f : others) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (first == null) first = new IllegalStateException("interrupted", e);
                }
            }
            if (first != null) throw first;
        } finally {
            pool.shutdown();
        }
    }
}
