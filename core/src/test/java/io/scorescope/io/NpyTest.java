package io.scorescope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir Path dir;

    /** A .npy file built by hand: any version, descr, shape text, fortran flag and payload. */
    static byte[] npy(int major, String descr, String shape, boolean fortran, byte[] payload) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }\n";
        byte[] h = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int prefix = major == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(prefix + h.length + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) b.putShort((short) h.length); else b.putInt(h.length);
        return b.put(h).put(payload).array();
    }

    static byte[] payload(ByteOrder order, int size, double... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * size).order(order);
        for (double x : v) {
            if (size == 8) b.putDouble(x); else b.putFloat((float) x);
        }
        return b.array();
    }

    Path file(String name, byte[] bytes) throws IOException { return Files.write(dir.resolve(name), bytes); }

    String error(Path p) { return assertThrows(InputException.class, () -> Npy.read(p)).getMessage(); }

    @Test
    void roundTripsFloat64InOneToThreeDimensions() {
        double[] v = {1.5, -0.0, Double.MIN_VALUE, 1e300, Math.PI, -7, 0.1, 2, 3, 4, 5, 6};
        for (int[] shape : List.of(new int[] {12}, new int[] {3, 4}, new int[] {2, 3, 2})) {
            Path p = dir.resolve("a.npy");
            Npy.write(p, v, shape);
            Npy.NpyArray a = Npy.read(p);
            assertArrayEquals(shape, a.shape());
            assertArrayEquals(v, a.data());
        }
    }

    @Test
    void headerFollowsTheFormat() throws IOException {
        Path p = dir.resolve("h.npy");
        Npy.write(p, new double[] {1, 2, 3}, 3);
        byte[] b = Files.readAllBytes(p);
        int hlen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        assertEquals(0, (10 + hlen) % 64);
        assertEquals('\n', b[10 + hlen - 1]);
        String header = new String(b, 10, hlen, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), header);
        assertEquals(10 + hlen + 24, b.length);
    }

    @Test
    void float32RoundsToNearestFloat() {
        Path p = dir.resolve("f.npy");
        double[] v = {0.1, 1e-3, 3};
        Npy.writeFloat32(p, v, 1, 3);
        Npy.NpyArray a = Npy.read(p);
        for (int i = 0; i < 3; i++) assertEquals((double) (float) v[i], a.data()[i], 0);
        assertEquals(1, a.toMat().rows());
    }

    @Test
    void readsOtherVersionsAndDtypes() throws IOException {
        double[] v = {1, -2, 3.5, 4};
        assertArrayEquals(v, Npy.read(file("v2.npy", npy(2, "<f8", "(2, 2)", false, payload(ByteOrder.LITTLE_ENDIAN, 8, v)))).data());
        assertArrayEquals(v, Npy.read(file("v3.npy", npy(3, ">f8", "(4,)", false, payload(ByteOrder.BIG_ENDIAN, 8, v)))).data());
        assertArrayEquals(v, Npy.read(file("be4.npy", npy(1, ">f4", "(4,)", false, payload(ByteOrder.BIG_ENDIAN, 4, v)))).data());
        ByteBuffer i4 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(-8).putInt(Integer.MAX_VALUE);
        assertArrayEquals(new double[] {7, -8, Integer.MAX_VALUE}, Npy.read(file("i4.npy", npy(1, "<i4", "(3,)", false, i4.array()))).data());
        ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).putLong(-3);
        Npy.NpyArray a = Npy.read(file("i8.npy", npy(1, "<i8", "(1L, 2L)", false, i8.array())));
        assertArrayEquals(new int[] {1, 2}, a.shape());
        assertArrayEquals(new double[] {1L << 40, -3}, a.data());
        assertEquals(0, Npy.read(file("empty.npy", npy(1, "<f8", "(0, 3)", false, new byte[0]))).data().length);
    }

    @Test
    void rejectsMalformedFilesWithOneLineNamingTheFile() throws IOException {
        byte[] good = payload(ByteOrder.LITTLE_ENDIAN, 8, 1, 2, 3, 4);
        assertTrue(error(file("e.npy", new byte[0])).contains("empty file"));
        assertTrue(error(file("m.npy", "hello world, not numpy".getBytes(StandardCharsets.US_ASCII))).contains("bad magic"));
        assertTrue(error(file("t.npy", Arrays.copyOf(npy(1, "<f8", "(4,)", false, good), 8))).contains("truncated"));
        assertTrue(error(file("f.npy", npy(1, "<f8", "(2, 2)", true, good))).contains("Fortran-order"));
        assertTrue(error(file("c.npy", npy(1, "<c16", "(2,)", false, good))).contains("unsupported dtype '<c16'"));
        assertTrue(error(file("v9.npy", npy(9, "<f8", "(4,)", false, good))).contains("version 9.0"));
        assertTrue(error(file("r0.npy", npy(1, "<f8", "()", false, payload(ByteOrder.LITTLE_ENDIAN, 8, 1)))).contains("0 dimensions"));
        assertTrue(error(file("r4.npy", npy(1, "<f8", "(1, 1, 2, 2)", false, good))).contains("4 dimensions"));
        assertTrue(error(file("s.npy", npy(1, "<f8", "(5,)", false, good))).contains("truncated data"));
        assertTrue(error(file("l.npy", npy(1, "<f8", "(3,)", false, good))).contains("needs only 24"));
        assertTrue(error(file("h.npy", npy(1, "<f8", "(4", false, good))).contains("malformed header"));
        String missing = error(dir.resolve("nope.npy"));
        assertTrue(missing.startsWith("missing file") && missing.contains("nope.npy"), missing);
        for (String name : List.of("e.npy", "m.npy", "f.npy", "c.npy", "s.npy")) {
            String msg = error(dir.resolve(name));
            assertTrue(msg.contains(name) && !msg.contains("\n"), msg);
        }
    }

    @Test
    void hugeShapesAreRejectedBeforeAllocating() throws IOException {
        byte[] tiny = payload(ByteOrder.LITTLE_ENDIAN, 8, 1, 2);
        assertTrue(error(file("a.npy", npy(1, "<f8", "(1000000, 1000000)", false, tiny))).contains("too large"));
        assertTrue(error(file("b.npy", npy(1, "<f8", "(1000000000000,)", false, tiny))).contains("too large"));
        assertTrue(error(file("c.npy", npy(1, "<f8", "(100000, 10000)", false, tiny))).contains("truncated data"));
        assertTrue(error(file("d.npy", npy(1, "<f8", "(99999999999999999999,)", false, tiny))).contains("malformed header"));
        // a v2 header claiming 4 GB
        byte[] v2 = npy(2, "<f8", "(2,)", false, tiny);
        v2[8] = v2[9] = v2[10] = v2[11] = (byte) 0xff;
        assertTrue(error(file("e.npy", v2)).contains("header length"));
    }

    @Property(tries = 100)
    void randomArraysRoundTripExactly(@ForAll("arrays") double[] data, @ForAll @IntRange(min = 1, max = 3) int rank) throws IOException {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        shape[0] = data.length;
        Path p = Files.createTempFile("rt", ".npy");
        try {
            Npy.write(p, data, shape);
            Npy.NpyArray a = Npy.read(p);
            assertArrayEquals(shape, a.shape());
            assertArrayEquals(data, a.data());
        } finally {
            Files.deleteIfExists(p);
        }
    }

    @Provide
    Arbitrary<double[]> arrays() {
        return Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.NEGATIVE_INFINITY)
                .array(double[].class).ofMinSize(0).ofMaxSize(50);
    }

    @Property(tries = 300)
    void mutatedFilesOnlyEverThrowInputException(@ForAll("mutations") byte[] bytes) throws IOException {
        Path p = Files.createTempFile("fz", ".npy");
        try {
            Files.write(p, bytes);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    Npy.read(p);
                } catch (InputException e) {
                    assertTrue(e.getMessage().contains(p.toString()) && !e.getMessage().contains("\n"), e.getMessage());
                }
            });
        } finally {
            Files.deleteIfExists(p);
        }
    }

    /** Valid files with random bytes overwritten, or truncated, or random bytes after the magic. */
    @Provide
    Arbitrary<byte[]> mutations() {
        byte[] base = npy(1, "<f8", "(2, 3)", false, payload(ByteOrder.LITTLE_ENDIAN, 8, 1, 2, 3, 4, 5, 6));
        Arbitrary<byte[]> overwritten = Combinators.combine(
                Arbitraries.integers().between(0, base.length - 1).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.bytes().list().ofSize(6)).as((pos, val) -> {
                    byte[] b = base.clone();
                    for (int i = 0; i < pos.size(); i++) b[pos.get(i)] = val.get(i);
                    return b;
                });
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, base.length).map(n -> Arrays.copyOf(base, n));
        Arbitrary<byte[]> afterMagic = Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(r -> {
            byte[] b = Arrays.copyOf(base, 8 + r.length);
            System.arraycopy(r, 0, b, 8, r.length);
            return b;
        });
        return Arbitraries.oneOf(overwritten, truncated, afterMagic, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    @Property(tries = 100)
    void headerTextFuzzOnlyThrowsInputException(@ForAll @Size(max = 80) String shape) throws IOException {
        Path p = Files.createTempFile("hz", ".npy");
        try {
            Files.write(p, npy(1, "<f8", shape, false, new byte[16]));
            try {
                Npy.read(p);
            } catch (InputException expected) {
                assertTrue(expected.getMessage().startsWith(p.toString()));
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
