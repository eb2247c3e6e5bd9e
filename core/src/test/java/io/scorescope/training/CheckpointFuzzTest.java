package io.scorescope.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.SafeTensors;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.model.ScoreModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint reader ({@link SafeTensors#read} and {@link Checkpoint#load}) given random, mutated and forged
 * files: every case is a correct load or an {@link InputException} with one line, within seconds and without
 * allocating what a forged header asks for.
 */
class CheckpointFuzzTest {
    private static final ModelSpec SPEC = new ModelSpec(3, 8, 1, 2, Parameterisation.EPS, 1);
    private static final TrainConfig CFG = TrainConfig.DEFAULT.withSteps(10).withCheckpointEvery(50).withLogEvery(50);
    private static final byte[] VALID = validCheckpoint();

    private static byte[] validCheckpoint() {
        try {
            Path dir = Files.createTempDirectory("ckpt");
            Checkpoint.save(dir, ScoreModel.create(SPEC, 1), CFG, 10, 1.5, Json.object(), List.of(new LossRecord(10, 0.5, 1e-3)));
            byte[] b = Files.readAllBytes(dir.resolve(Checkpoint.WEIGHTS));
            for (Path p : List.of(dir.resolve(Checkpoint.WEIGHTS), dir.resolve(Checkpoint.LOSS), dir)) Files.delete(p);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads bytes as a model folder: either it loads, or it fails with one InputException line. */
    private static void loadOrFailCleanly(byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("fz");
        Path file = dir.resolve(Checkpoint.WEIGHTS);
        try {
            Files.write(file, bytes);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    Checkpoint.load(dir);
                } catch (InputException e) {
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                }
            });
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    @Test
    void theUnmutatedCheckpointLoads(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve(Checkpoint.WEIGHTS), VALID);
        Checkpoint.Loaded c = Checkpoint.load(dir);
        assertEquals(10, c.step());
        assertEquals(SPEC, c.model().spec());
    }

    @Property(tries = 300)
    void mutatedBytesLoadOrFailCleanly(@ForAll("mutations") byte[] bytes) throws IOException {
        loadOrFailCleanly(bytes);
    }

    /** Random overwrites, truncations, a random header length, and plain random bytes. */
    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<byte[]> overwritten = Combinators.combine(
                Arbitraries.integers().between(0, VALID.length - 1).list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.bytes().list().ofSize(8)).as((pos, val) -> {
                    byte[] b = VALID.clone();
                    for (int i = 0; i < pos.size(); i++) b[pos.get(i)] = val.get(i);
                    return b;
                });
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, VALID.length - 1).map(n -> Arrays.copyOf(VALID, n));
        Arbitrary<byte[]> headerLength = Arbitraries.longs().map(n -> {
            byte[] b = VALID.clone();
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
            return b;
        });
        return Arbitraries.oneOf(overwritten, truncated, headerLength, Arbitraries.bytes().array(byte[].class).ofMaxSize(400));
    }

    /**
     * Well-formed files (valid checksum) whose model spec, step or tensor entries are forged: huge widths,
     * negative or absurd numbers. None may allocate what it claims or escape as anything but InputException.
     */
    @Property(tries = 200)
    void forgedHeadersLoadOrFailCleanly(@ForAll("specField") String field, @ForAll("numbers") long value) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(write(VALID));
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.remove("sha256");
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>(c.tensors());
        switch (field) {
            case "step", "adam_steps" -> meta.put(field, Long.toString(value));
            case "shape" -> tensors.put("param", new SafeTensors.Entry(new long[] {value}, c.tensors().get("param").data()));
            default -> {
                ObjectNode spec = (ObjectNode) Json.MAPPER.readTree(meta.get("model_spec"));
                spec.put(field, value);
                meta.put("model_spec", Json.toString(spec));
            }
        }
        Path p;
        try {
            p = write(new byte[0]);
            SafeTensors.write(p, tensors, meta);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | NegativeArraySizeException e) {
            return;   // the writer itself refuses the forged entry; nothing to read
        }
        byte[] bytes = Files.readAllBytes(p);
        Files.delete(p);
        loadOrFailCleanly(bytes);
    }

    @Provide
    Arbitrary<String> specField() {
        return Arbitraries.of("dim", "hidden", "depth", "frequencies", "step", "adam_steps", "shape");
    }

    @Provide
    Arbitrary<Long> numbers() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-3, 3),
                Arbitraries.of(1L << 20, 1L << 31, (long) Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1, 100_000L, 46_341L));
    }

    @Test
    void aForgedHugeWidthIsRefusedBeforeBuildingTheNetwork(@TempDir Path dir) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(write(VALID));
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        ObjectNode spec = (ObjectNode) Json.MAPPER.readTree(meta.get("model_spec"));
        spec.put("hidden", 1 << 30);
        meta.put("model_spec", Json.toString(spec));
        SafeTensors.write(dir.resolve(Checkpoint.WEIGHTS), c.tensors(), meta);
        String m = assertThrows(InputException.class, () -> Checkpoint.load(dir)).getMessage();
        assertTrue(m.contains("does not match its model spec"), m);
    }

    private static Path write(byte[] bytes) throws IOException {
        Path p = Files.createTempFile("fz", ".safetensors");
        p.toFile().deleteOnExit();
        return Files.write(p, bytes);
    }
}
