package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Without a terminal, progress is a few plain lines (every 10% or 30 s, and a final line), never a redrawn bar. */
class ProgressTest {
    private static List<String> lines(ByteArrayOutputStream b) { return b.toString(StandardCharsets.UTF_8).lines().toList(); }

    @Test
    void nonInteractiveWritesAtMostOneLinePerTenthAndAFinalLine() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
             Progress p = new Progress("train", 1000, false, err)) {
            for (int i = 1; i <= 1000; i++) {
                p.stepTo(i);
                if (i % 100 == 0) p.note("loss " + i);
            }
        }
        List<String> lines = lines(b);
        assertTrue(lines.size() >= 2 && lines.size() <= 12, lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("train 1000/1000 (100%)"), lines.toString());
        assertTrue(lines.get(0).startsWith("train 100/1000 (10%)"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("\r") || l.contains("[")), lines.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith("loss 1000"), lines.toString());
    }

    @Test
    void nonInteractiveWritesEveryThirtySecondsWhenProgressIsSlow() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
             Progress p = new Progress("sample", 1000, false, err, now::get)) {
            for (int i = 1; i <= 20; i++) {   // 2% in 200 s: no tenth reached, a line per 30 s
                now.addAndGet(10_000_000_000L);
                p.step();
            }
        }
        List<String> lines = lines(b);
        assertEquals(7, lines.size(), lines.toString());   // at 30, 60, ..., 180 s, then the final line
        assertEquals("sample 3/1000 (0%) 30 s", lines.get(0));
        assertEquals("sample 20/1000 (2%) 3:20 min", lines.get(6));
    }

    @Test
    void anEarlyStopStillEndsWithOneFinalLine() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
             Progress p = new Progress("train", 50, false, err)) {
            p.stepTo(3);
        }
        List<String> lines = lines(b);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("train 3/50 (6%)"), lines.toString());
    }

    @Test
    void interactiveKeepsTheRedrawnBar() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
             Progress p = new Progress("train", 100, true, err)) {
            for (int i = 1; i <= 100; i++) p.stepTo(i);
        }
        String out = b.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\r") && out.contains("train") && out.contains("100/100"), out);
        assertTrue(out.chars().filter(c -> c == '\n').count() <= 1, out);   // redrawn in place (\r), one line end at close
    }
}
