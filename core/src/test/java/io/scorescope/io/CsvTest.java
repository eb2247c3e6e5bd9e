package io.scorescope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir Path dir;

    Path file(String name, String text) throws IOException { return Files.writeString(dir.resolve(name), text); }

    String error(Path p) {
        String m = assertThrows(InputException.class, () -> Csv.read(p)).getMessage();
        assertTrue(m.contains(p.getFileName().toString()) && !m.contains("\n"), m);
        return m;
    }

    @Test
    void readsWithAndWithoutHeader() throws IOException {
        Csv.Table t = Csv.read(file("h.csv", "x, y,\"z\"\n1,2,3\n\n4.5, -6e-1 ,7\n"));
        assertArrayEquals(new String[] {"x", "y", "z"}, t.header());
        assertEquals(Mat.of(new double[][] {{1, 2, 3}, {4.5, -0.6, 7}}), t.values());
        Csv.Table n = Csv.read(file("n.csv", "# comment\n1,2\n3,4\n"));
        assertNull(n.header());
        assertEquals(2, n.values().rows());
        Mat w = Csv.readMatrix(file("w.txt", "1 2\t3\n  4 5 6\n"));
        assertEquals(Mat.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), w);
    }

    @Test
    void roundTripsExactlyWithHeader() {
        Path p = dir.resolve("r.csv");
        List<double[]> rows = List.of(new double[] {0.1, -0.0, Double.MIN_VALUE}, new double[] {1e308, Math.PI, -1.0 / 3});
        Csv.write(p, new String[] {"a", "b", "c"}, rows);
        Csv.Table t = Csv.read(p);
        assertArrayEquals(new String[] {"a", "b", "c"}, t.header());
        for (int i = 0; i < 2; i++) assertArrayEquals(rows.get(i), t.values().row(i));
    }

    @Test
    void quotesCellsOnlyWhereNeeded() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void writesIntegerColumnsAsIntegersAndReadsThemBack() throws IOException {
        Path p = dir.resolve("cells.csv");
        Csv.writeCells(p, List.of("row", "truth", "estimate"),
                List.of(List.of(Csv.integer(0), Csv.integer(3), Csv.number(2.5)), List.of(Csv.integer(1), Csv.integer(2), Csv.number(-0.0))));
        assertEquals(List.of("row,truth,estimate", "0,3,2.5", "1,2,-0.0"), Files.readAllLines(p));
        assertEquals(Mat.of(new double[][] {{0, 3, 2.5}, {1, 2, -0.0}}), Csv.readMatrix(p));
        assertThrows(IllegalArgumentException.class, () -> Csv.writeCells(p, List.of("a", "b"), List.of(List.of("1"))));
    }

    @Test
    void rejectsMalformedTablesNamingLineAndColumn() throws IOException {
        assertTrue(error(file("e.csv", "")).contains("empty file"));
        assertTrue(error(file("b.csv", "\n  \n# only comments\n")).contains("empty file"));
        assertTrue(error(file("h.csv", "a,b\n")).contains("no data rows"));
        assertTrue(error(file("r.csv", "a,b\n1,2\n3\n")).contains("line 3: expected 2 values, found 1"));
        assertTrue(error(file("nan.csv", "1,2\n3,NaN\n")).contains("line 2, column 2: value NaN is not finite"));
        assertTrue(error(file("inf.csv", "1,2\n-inf,3\n")).contains("line 2, column 1: value -inf is not finite"));
        assertTrue(error(file("big.csv", "1,2\n1e999,3\n")).contains("out of range"));
        assertTrue(error(file("s.csv", "1,2\n3,abc\n")).contains("line 2, column 2: 'abc' is not a number"));
        assertTrue(error(file("d.csv", "1,2\n3,1d\n")).contains("'1d' is not a number"));
        assertTrue(error(file("x.csv", "1,2\n0x1p3,1\n")).contains("is not a number"));
        assertTrue(error(file("c.csv", "1,2,\n3,4,\n")).contains("column 3: empty value"));
        assertTrue(error(Files.write(dir.resolve("bin.csv"), new byte[] {'1', ',', (byte) 0xff, (byte) 0xfe, '\n'})).contains("UTF-8"));
        assertTrue(assertThrows(InputException.class, () -> Csv.read(dir.resolve("no.csv"))).getMessage().startsWith("missing file"));
    }

    @Test
    void recognisesDecimalSyntaxOnly() {
        for (String s : List.of("1", "-1", "+1.", ".5", "1e5", "1.5E-3", "007")) assertTrue(Csv.isDecimal(s), s);
        for (String s : List.of("", ".", "-", "e5", "1e", "1d", "1f", "NaN", "Infinity", "0x10", "1 2", "١")) assertTrue(!Csv.isDecimal(s), s);
    }

    @Test
    void writerRefusesHeadersThatWouldNotReadBack() {
        Path p = dir.resolve("w.csv");
        assertThrows(IllegalArgumentException.class, () -> Csv.write(p, new String[] {"a,b"}, List.of(new double[] {1})));
        assertThrows(IllegalArgumentException.class, () -> Csv.write(p, new String[] {"1", "2"}, List.of(new double[] {1, 2})));
        assertThrows(IllegalArgumentException.class, () -> Csv.write(p, new String[] {"a"}, List.of(new double[] {1, 2})));
    }

    @Property(tries = 100)
    void randomTablesRoundTripExactly(@ForAll("tables") double[][] rows) throws IOException {
        Path p = Files.createTempFile("rt", ".csv");
        try {
            Csv.write(p, null, List.of(rows));
            assertEquals(Mat.of(rows), Csv.readMatrix(p));
        } finally {
            Files.deleteIfExists(p);
        }
    }

    @Provide
    Arbitrary<double[][]> tables() {
        return Arbitraries.integers().between(1, 5).flatMap(cols ->
                Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE)
                        .withSpecialValue(-0.0).withSpecialValue(Double.MIN_VALUE).withSpecialValue(4.9e-324)
                        .array(double[].class).ofSize(cols).array(double[][].class).ofMinSize(1).ofMaxSize(10));
    }

    @Property(tries = 200)
    void randomBytesOnlyEverThrowInputException(@ForAll("junk") byte[] bytes) throws IOException {
        Path p = Files.createTempFile("fz", ".csv");
        try {
            Files.write(p, bytes);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    Csv.read(p);
                } catch (InputException e) {
                    assertTrue(e.getMessage().contains(p.toString()) && !e.getMessage().contains("\n"), e.getMessage());
                }
            });
        } finally {
            Files.deleteIfExists(p);
        }
    }

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<byte[]> numeric = Arbitraries.strings().withChars("0123456789.,-+eE \n#naif").ofMaxLength(200)
                .map(s -> s.getBytes(StandardCharsets.US_ASCII));
        return Arbitraries.oneOf(numeric, Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }
}
