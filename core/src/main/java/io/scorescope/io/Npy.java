package io.scorescope.io;

import io.scorescope.math.Mat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * NumPy {@code .npy} arrays (format versions 1.0, 2.0 and 3.0), C order, 1 to {@value #MAX_RANK} dimensions.
 * Reads dtypes {@code <f8 <f4 >f8 >f4 <i4 <i8} into float64; writes little-endian float64 or float32,
 * atomically. Every malformed file is an {@link InputException} naming the file; sizes in the header are
 * checked against the file length before anything is allocated.
 */
public final class Npy {
    /** Most dimensions read or written. */
    public static final int MAX_RANK = 3;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private Npy() {}

    /** An array read from a file: its shape and its values in C order as float64. */
    public record NpyArray(int[] shape, double[] data) {
        public int rank() { return shape.length; }

        /** The 2-D array as a matrix (rows x cols), sharing the data. */
        public Mat toMat() {
            if (shape.length != 2) throw new IllegalStateException("array has shape " + Arrays.toString(shape) + ", not 2-D");
            return new Mat(shape[0], shape[1], data);
        }

        /** The 3-D array [n, r, c] as n matrices (copies). */
        public Mat[] toMats() {
            if (shape.length != 3) throw new IllegalStateException("array has shape " + Arrays.toString(shape) + ", not 3-D");
            int n = shape[0], r = shape[1], c = shape[2];
            Mat[] out = new Mat[n];
            for (int i = 0; i < n; i++) out[i] = new Mat(r, c, Arrays.copyOfRange(data, i * r * c, (i + 1) * r * c));
            return out;
        }
    }

    /** The element types this reader accepts. */
    private enum Dtype {
        F8_LE("<f8", 8, ByteOrder.LITTLE_ENDIAN), F4_LE("<f4", 4, ByteOrder.LITTLE_ENDIAN),
        F8_BE(">f8", 8, ByteOrder.BIG_ENDIAN), F4_BE(">f4", 4, ByteOrder.BIG_ENDIAN),
        I4_LE("<i4", 4, ByteOrder.LITTLE_ENDIAN), I8_LE("<i8", 8, ByteOrder.LITTLE_ENDIAN);

        final String descr;
        final int size;
        final ByteOrder order;

        Dtype(String descr, int size, ByteOrder order) { this.descr = descr; this.size = size; this.order = order; }

        double get(ByteBuffer b) {
            switch (this) {
                case F8_LE: case F8_BE: return b.getDouble();
                case F4_LE: case F4_BE: return b.getFloat();
                case I4_LE: return b.getInt();
                default: return b.getLong();
            }
        }

        void put(ByteBuffer b, double v) { if (size == 8) b.putDouble(v); else b.putFloat((float) v); }

        static Dtype of(String descr) {
            for (Dtype t : values()) if (t.descr.equals(descr)) return t;
            return null;
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes data (C order) with the given shape as float64. */
    public static void write(Path file, double[] data, int... shape) { write(file, Dtype.F8_LE, data, shape); }

    /** Writes data (C order) with the given shape as float32 (values rounded to nearest float). */
    public static void writeFloat32(Path file, double[] data, int... shape) { write(file, Dtype.F4_LE, data, shape); }

    /** Writes n equal-shaped matrices (e.g. Jacobians) as one float64 array of shape [n, rows, cols]. */
    public static void write(Path file, Mat[] stack) {
        if (stack.length == 0) throw new IllegalArgumentException("no matrices to write");
        int r = stack[0].rows(), c = stack[0].cols();
        double[] all = new double[Math.multiplyExact(stack.length, r * c)];
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].rows() != r || stack[i].cols() != c) throw new IllegalArgumentException("matrices differ in shape");
            System.arraycopy(stack[i].data(), 0, all, i * r * c, r * c);
        }
        write(file, all, stack.length, r, c);
    }

    /** Writes a matrix as a 2-D float64 array. */
    public static void write(Path file, Mat m) { write(file, m.data(), m.rows(), m.cols()); }

    private static void write(Path file, Dtype type, double[] data, int[] shape) {
        if (shape.length < 1 || shape.length > MAX_RANK)
            throw new IllegalArgumentException("npy shape must have 1 to " + MAX_RANK + " dimensions, got " + shape.length);
        long count = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            count *= s;
        }
        if (count != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
        byte[] header = header(type, shape);
        AtomicFiles.write(file, out -> {
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(type.order);
            for (double v : data) {
                if (buf.remaining() < type.size) { out.write(buf.array(), 0, buf.position()); buf.clear(); }
                type.put(buf, v);
            }
            out.write(buf.array(), 0, buf.position());
        });
    }

    /** Magic, version 1.0, header length, and the dict padded with spaces to a multiple of 64 bytes. */
    private static byte[] header(Dtype type, int[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) dims += ",";
        StringBuilder dict = new StringBuilder("{'descr': '" + type.descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        while ((10 + dict.length() + 1) % 64 != 0) dict.append(' ');
        dict.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) dict.length());
        b.put(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    // ---------------------------------------------------------------- reading

    public static NpyArray read(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            return read(file, ch);
        } catch (NoSuchFileException e) {
            throw new InputException("missing file " + file, e);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    private static NpyArray read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) throw bad(file, "empty file");
        ByteBuffer pre = readFully(file, ch, (int) Math.min(size, 12), "file too short for a .npy preamble");
        for (int i = 0; i < MAGIC.length; i++)
            if (pre.limit() <= i || pre.get(i) != MAGIC[i]) throw bad(file, "not a .npy file (bad magic bytes)");
        if (pre.limit() < 10) throw bad(file, "truncated .npy preamble");
        int major = pre.get(6) & 0xff, minor = pre.get(7) & 0xff;
        if (major < 1 || major > 3) throw bad(file, "unsupported .npy format version " + major + "." + minor);
        int prefix = major == 1 ? 10 : 12;
        if (pre.limit() < prefix) throw bad(file, "truncated .npy preamble");
        long headerLength = major == 1 ? pre.getShort(8) & 0xffff : pre.getInt(8) & 0xffffffffL;
        if (headerLength > MAX_HEADER) throw bad(file, "header length " + headerLength + " exceeds " + MAX_HEADER + " bytes");
        if (prefix + headerLength > size) throw bad(file, "truncated header (needs " + headerLength + " bytes, file has " + (size - prefix) + ")");
        ch.position(prefix);
        ByteBuffer hb = readFully(file, ch, (int) headerLength, "truncated header");
        String text = new String(hb.array(), 0, hb.limit(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(file, text);
        long dataBytes = size - prefix - headerLength;
        long needed = h.count * h.type.size;
        if (dataBytes < needed)
            throw bad(file, "truncated data: shape " + h.shapeText() + " of " + h.type.descr + " needs " + needed + " bytes, file has " + dataBytes);
        if (dataBytes > needed)
            throw bad(file, "file has " + dataBytes + " bytes of data but shape " + h.shapeText() + " of " + h.type.descr + " needs only " + needed);
        double[] data = new double[(int) h.count];
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(h.type.order);
        int done = 0;
        while (done < data.length) {
            buf.clear();
            buf.limit((int) Math.min(CHUNK, (long) (data.length - done) * h.type.size));
            while (buf.hasRemaining()) if (ch.read(buf) < 0) throw bad(file, "file ended early");
            buf.flip();
            while (buf.remaining() >= h.type.size) data[done++] = h.type.get(buf);
        }
        return new NpyArray(h.shape, data);
    }

    private static ByteBuffer readFully(Path file, FileChannel ch, int n, String problem) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) if (ch.read(b) < 0) throw bad(file, problem);
        b.flip();
        return b;
    }

    private static InputException bad(Path file, String problem) { return new InputException(file + ": " + problem); }

    /** The parsed header dict: dtype, shape and element count (checked to fit a Java array). */
    private record Header(Dtype type, int[] shape, long count) {
        String shapeText() { return Arrays.toString(shape).replace('[', '(').replace(']', ')'); }

        static Header parse(Path file, String text) {
            Object parsed;
            try {
                PyLiteral p = new PyLiteral(text.strip());
                parsed = p.value();
                p.end();
            } catch (IllegalArgumentException e) {
                throw bad(file, "malformed header (" + e.getMessage() + ")");
            }
            if (!(parsed instanceof Map<?, ?> dict)) throw bad(file, "malformed header (not a dict)");
            Object descr = dict.get("descr"), fortran = dict.get("fortran_order"), shape = dict.get("shape");
            if (descr == null || fortran == null || shape == null)
                throw bad(file, "header lacks one of 'descr', 'fortran_order', 'shape'");
            Dtype type = descr instanceof String s ? Dtype.of(s) : null;
            if (type == null)
                throw bad(file, "unsupported dtype " + (descr instanceof String s ? "'" + s + "'" : "(structured)")
                        + "; expected <f8 or <f4 (also >f8, >f4, <i4, <i8)");
            if (!(fortran instanceof Boolean f)) throw bad(file, "malformed header ('fortran_order' is not True/False)");
            if (f) throw bad(file, "Fortran-order arrays are not supported; save with C order (numpy.ascontiguousarray)");
            if (!(shape instanceof List<?> dims)) throw bad(file, "malformed header ('shape' is not a tuple)");
            if (dims.size() < 1 || dims.size() > MAX_RANK)
                throw bad(file, "array has " + dims.size() + " dimensions; expected 1 to " + MAX_RANK);
            int[] sh = new int[dims.size()];
            long count = 1;
            for (int i = 0; i < sh.length; i++) {
                if (!(dims.get(i) instanceof Long v) || v < 0) throw bad(file, "malformed header (bad dimension " + dims.get(i) + ")");
                if (v > Integer.MAX_VALUE - 8) throw bad(file, "dimension " + v + " is too large");
                sh[i] = (int) (long) v;
                count = count == 0 || v == 0 ? 0 : count * v;
                if (count > Integer.MAX_VALUE - 8) throw bad(file, "array of shape " + dims + " is too large (more than 2^31 values)");
            }
            return new Header(type, sh, count);
        }
    }

    /** A recursive-descent parser for the Python literals of a .npy header: dicts, tuples, lists, strings, ints, booleans. */
    private static final class PyLiteral {
        private final String s;
        private static final int MAX_DEPTH = 16;
        private int i;
        private int depth;

        PyLiteral(String s) { this.s = s; }

        Object value() {
            skip();
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
            char c = s.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                if (++depth > MAX_DEPTH) throw new IllegalArgumentException("nested too deeply");
                Object v = c == '{' ? dict() : sequence(c == '(' ? ')' : ']');
                depth--;
                return v;
            }
            if (c == '\'' || c == '"') return string();
            if (c == '-' || isDigit(c)) return integer();
            if (s.startsWith("True", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("False", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("None", i)) { i += 4; return null; }
            throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
        }

        void end() { skip(); if (i != s.length()) throw new IllegalArgumentException("trailing text at " + i); }

        private Map<Object, Object> dict() {
            Map<Object, Object> m = new LinkedHashMap<>();
            i++;
            while (true) {
                skip();
                if (peek() == '}') { i++; return m; }
                Object key = value();
                skip();
                expect(':');
                m.put(key, value());
                skip();
                if (peek() == ',') i++;
                else if (peek() != '}') throw new IllegalArgumentException("expected ',' or '}' at " + i);
            }
        }

        private List<Object> sequence(char close) {
            List<Object> l = new ArrayList<>();
            i++;
            while (true) {
                skip();
                if (peek() == close) { i++; return l; }
                l.add(value());
                skip();
                if (peek() == ',') i++;
                else if (peek() != close) throw new IllegalArgumentException("expected ',' or '" + close + "' at " + i);
            }
        }

        private String string() {
            char q = s.charAt(i++);
            int start = i;
            while (i < s.length() && s.charAt(i) != q) {
                if (s.charAt(i) == '\\') throw new IllegalArgumentException("escapes in strings are not supported");
                i++;
            }
            if (i >= s.length()) throw new IllegalArgumentException("unterminated string");
            return s.substring(start, i++);
        }

        private Long integer() {
            int start = i;
            if (s.charAt(i) == '-') i++;
            while (i < s.length() && isDigit(s.charAt(i))) i++;
            String digits = s.substring(start, i);
            if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) i++; // Python 2 long suffix
            if (digits.equals("-") || digits.length() > 18) throw new IllegalArgumentException("bad integer '" + digits + "'");
            return Long.parseLong(digits);
        }

        private char peek() {
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) throw new IllegalArgumentException("expected '" + c + "' at " + i);
            i++;
        }

        private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

        private void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    }
}
