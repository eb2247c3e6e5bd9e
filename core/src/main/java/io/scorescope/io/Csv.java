package io.scorescope.io;

import io.scorescope.math.Mat;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numeric tables as text. Reading: values separated by commas (or, if the first row has no comma, by
 * spaces/tabs); blank lines and lines starting with '#' are skipped; the first row is a header when any of
 * its cells is not a number. Every value must be a finite decimal number and every row as wide as the
 * first; problems are an {@link InputException} naming the file, line and column. Writing is atomic and
 * round-trip exact (shortest {@link Double#toString} form); {@link #writeCells} writes tables with integer or text
 * columns (quoted where needed, which the reader does not parse back).
 */
public final class Csv {
    private Csv() {}

    /** A table read from a file: the header (null if the file has none) and the values (rows x columns). */
    public record Table(String[] header, Mat values) {}

    /** The values of a numeric table, header (if any) dropped. */
    public static Mat readMatrix(Path file) { return read(file).values(); }

    public static Table read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, in);
        } catch (NoSuchFileException e) {
            throw new InputException("missing file " + file, e);
        } catch (CharacterCodingException e) {
            throw new InputException(file + ": not a UTF-8 text file", e);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    private static Table read(Path file, BufferedReader in) throws IOException {
        String[] header = null;
        Boolean comma = null;
        int width = -1, rows = 0, lineNo = 0;
        double[] values = new double[1024];
        int count = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (comma == null) comma = t.indexOf(',') >= 0;
            String[] cells = comma ? t.split(",", -1) : t.split("\\s+");
            if (width < 0) {
                width = cells.length;
                if (Arrays.stream(cells).anyMatch(c -> !looksNumeric(c.strip()))) {
                    header = Arrays.stream(cells).map(c -> unquote(c.strip())).toArray(String[]::new);
                    continue;
                }
            }
            if (cells.length != width)
                throw new InputException(file + " line " + lineNo + ": expected " + width + " values, found " + cells.length);
            if ((long) count + width > Integer.MAX_VALUE - 8) throw new InputException(file + ": table too large");
            if (count + width > values.length) values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * (count + width)));
            for (int j = 0; j < width; j++) values[count++] = value(file, lineNo, j, cells[j].strip());
            rows++;
        }
        if (width < 0) throw new InputException(file + ": empty file (no rows)");
        if (rows == 0) throw new InputException(file + ": no data rows after the header");
        return new Table(header, new Mat(rows, width, Arrays.copyOf(values, count)));
    }

    private static double value(Path file, int line, int col, String cell) {
        String where = file + " line " + line + ", column " + (col + 1) + ": ";
        if (cell.isEmpty()) throw new InputException(where + "empty value");
        if (!isDecimal(cell)) {
            if (looksNumeric(cell)) throw new InputException(where + "value " + cell + " is not finite");
            throw new InputException(where + "'" + abbreviate(cell) + "' is not a number");
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) throw new InputException(where + "value " + cell + " is out of range");
        return v;
    }

    /** A decimal number in plain or exponent notation: [+-] digits [. digits] [(e|E) [+-] digits]. */
    public static boolean isDecimal(String s) {
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == n;
    }

    /** A decimal number or a spelling of NaN/infinity: such a cell is data, not a header. */
    private static boolean looksNumeric(String s) {
        if (isDecimal(s)) return true;
        String t = s.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
        return t.equals("nan") || t.equals("inf") || t.equals("infinity");
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String abbreviate(String s) { return s.length() <= 40 ? s : s.substring(0, 37) + "..."; }

    /**
     * Writes a numeric table atomically; header may be null. Values in the shortest round-trip form
     * ({@link Double#toString}); non-finite values are written as NaN/Infinity (and rejected on reading).
     */
    public static void write(Path file, String[] header, List<double[]> rows) {
        if (header != null) checkHeader(header);
        int width = header != null ? header.length : rows.isEmpty() ? 0 : rows.get(0).length;
        for (double[] r : rows)
            if (r.length != width) throw new IllegalArgumentException("CSV row of " + r.length + " values, expected " + width);
        writeLines(file, header == null ? null : List.of(header), () -> rows.stream().map(Csv::numbers).iterator());
    }

    /**
     * Writes a table of text cells atomically, the one CSV writer for tables that are not all floating point
     * (integer columns, labels, notes): each cell is written as given, quoted only when it holds a comma, a quote
     * or a line break (RFC 4180); rows end with '\n'. Use {@link #integer} and {@link #number} to format numbers.
     * Header may be null; every row must be as wide as the header (or the first row).
     */
    public static void writeCells(Path file, List<String> header, List<? extends List<String>> rows) {
        int width = header != null ? header.size() : rows.isEmpty() ? 0 : rows.get(0).size();
        for (List<String> r : rows)
            if (r.size() != width) throw new IllegalArgumentException("CSV row of " + r.size() + " cells, expected " + width);
        writeLines(file, header, rows);
    }

    /** An integer cell: "3", never "3.0". */
    public static String integer(long v) { return Long.toString(v); }

    /** A floating-point cell in the shortest round-trip form, as {@link #write(Path, String[], List)} writes it. */
    public static String number(double v) { return Double.toString(v); }

    /** A cell as written: quoted when it holds a comma, quote, or line break, inner quotes doubled; null is empty. */
    public static String cell(String s) {
        String v = s == null ? "" : s;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static List<String> numbers(double[] r) {
        List<String> cells = new ArrayList<>(r.length);
        for (double v : r) cells.add(number(v));
        return cells;
    }

    /** A header that reads back as a header: plain names, not all numeric. */
    private static void checkHeader(String[] header) {
        for (String h : header)
            if (h.isEmpty() || h.contains(",") || h.contains("\"") || h.contains("\n") || h.contains("\r") || !h.equals(h.strip()))
                throw new IllegalArgumentException("CSV header cell '" + h + "' must be non-empty, trimmed, and free of commas, quotes and newlines");
        if (Arrays.stream(header).allMatch(Csv::looksNumeric))
            throw new IllegalArgumentException("CSV header " + Arrays.toString(header) + " would read back as data");
    }

    private static void writeLines(Path file, List<String> header, Iterable<? extends List<String>> rows) {
        AtomicFiles.write(file, out -> {
            StringBuilder sb = new StringBuilder();
            if (header != null) line(sb, header);
            for (List<String> r : rows) {
                line(sb, r);
                if (sb.length() > 1 << 16) { out.write(sb.toString().getBytes(StandardCharsets.UTF_8)); sb.setLength(0); }
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int j = 0; j < cells.size(); j++) sb.append(j == 0 ? "" : ",").append(cell(cells.get(j)));
        sb.append('\n');
    }

    /** Writes the rows of a matrix; header may be null. */
    public static void write(Path file, String[] header, Mat values) {
        List<double[]> rows = new ArrayList<>(values.rows());
        for (int i = 0; i < values.rows(); i++) rows.add(values.row(i));
        write(file, header, rows);
    }
}
