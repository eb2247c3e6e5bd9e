package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** At exit the engine waits for open scopes (native work) to close and keeps new ones from opening. */
class EngineExitTest {

    @Test
    void stoppingWaitsForOpenScopesAndHoldsBackNewOnes() throws Exception {
        Engine.init();
        CountDownLatch opened = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try (Engine.Scope s = Engine.scope()) {
                opened.countDown();
                sleep(300);
                closed.set(true);
            }
        });
        worker.start();
        assertTrue(opened.await(5, TimeUnit.SECONDS));
        try {
            assertTrue(Engine.stopNativeWork(5), "the open scope closes within the wait");
            assertTrue(closed.get(), "stopping returned only after the open scope had closed");
            AtomicBoolean entered = new AtomicBoolean();
            Thread late = new Thread(() -> {
                try (Engine.Scope s = Engine.scope()) {
                    entered.set(true);
                }
            });
            late.start();
            late.join(300);
            assertFalse(entered.get(), "no scope opens once native work is stopped");
            Engine.resumeNativeWork();
            late.join(5000);
            assertTrue(entered.get());
        } finally {
            Engine.resumeNativeWork();
            worker.join(5000);
        }
    }

    @Test
    void stoppingGivesUpAfterItsWait() throws Exception {
        Engine.init();
        CountDownLatch opened = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try (Engine.Scope s = Engine.scope()) {
                opened.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        assertTrue(opened.await(5, TimeUnit.SECONDS));
        try {
            assertFalse(Engine.stopNativeWork(0), "a scope is still open");
        } finally {
            Engine.resumeNativeWork();
            release.countDown();
            worker.join(5000);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
