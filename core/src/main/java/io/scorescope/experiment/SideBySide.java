package io.scorescope.experiment;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Two independent pieces of work (each on its own network, with its own seeded streams) run on two threads when
 * {@code parallel}, else one after the other. The results are the same either way: each piece is sequential in itself.
 * A failure of either is rethrown as it was thrown.
 */
final class SideBySide {
    /** The name of the second piece's thread. */
    static final String SECOND = "scorescope-second";

    record Both<A, B>(A first, B second) {}

    private SideBySide() {}

    static <A, B> Both<A, B> run(boolean parallel, Supplier<A> first, Supplier<B> second) {
        if (!parallel) {
            A a = first.get();
            return new Both<>(a, second.get());
        }
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, SECOND);
            t.setDaemon(true);
            return t;
        });
        try {
            Future<B> b = pool.submit(second::get);
            A a = first.get();
            return new Both<>(a, b.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether the current thread runs the second piece. */
    static boolean inSecond() { return Thread.currentThread().getName().equals(SECOND); }
}
