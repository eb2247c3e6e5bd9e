package io.scorescope.data;

import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al.): magic 0x00 0x00 type rank, rank big-endian
 * int32 sizes, then the data row-major. Only unsigned bytes (type 0x08) are accepted. Files may be gzipped
 * (detected by the gzip magic 1f 8b). Sizes are checked before any allocation: the payload must fit the
 * file exactly (raw), or within the deflate limit of 1032 bytes per compressed byte (gzipped).
 */
public final class Idx {
    /** An IDX array of unsigned bytes: dims and row-major values 0..255. */
    public record Array(int[] dims, byte[] data) {
        public int count() { return dims[0]; }
        /** Elements per item (product of dims after the first). */
        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) s *= dims[i];
            return s;
        }
        public int get(int flatIndex) { return data[flatIndex] & 0xff; }
    }

    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;
    private static final int MAX_INFLATION = 1032;

    private Idx() {}

    /** Parses the bytes of a file (raw or gzipped); {@code source} names it in errors. */
    public static Array parse(byte[] file, String source) {
        boolean gz = file.length >= 2 && (file[0] & 0xff) == 0x1f && (file[1] & 0xff) == 0x8b;
        try (InputStream in = gz ? new GZIPInputStream(new ByteArrayInputStream(file)) : new ByteArrayInputStream(file)) {
            byte[] head = readN(in, 4, source, "header");
            if (head[0] != 0 || head[1] != 0)
                throw new InputException(source + ": not an IDX file (magic " + hex(head) + ", expected 00 00 08 rank)");
            if ((head[2] & 0xff) != 0x08)
                throw new InputException(source + ": IDX element type 0x" + Integer.toHexString(head[2] & 0xff) + " is not supported (expected 0x08, unsigned byte)");
            int rank = head[3] & 0xff;
            if (rank < 1 || rank > 4) throw new InputException(source + ": IDX rank " + rank + " (expected 1 to 4)");
            byte[] sizes = readN(in, 4 * rank, source, "dimensions");
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = ((sizes[4 * i] & 0xff) << 24) | ((sizes[4 * i + 1] & 0xff) << 16) | ((sizes[4 * i + 2] & 0xff) << 8) | (sizes[4 * i + 3] & 0xff);
                if (dims[i] < 0) throw new InputException(source + ": IDX dimension " + (i + 1) + " is negative");
                total *= dims[i];
                if (total > MAX_BYTES) throw new InputException(source + ": IDX dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1)) + "... are too large");
            }
            long header = 4 + 4L * rank;
            long available = gz ? (long) file.length * MAX_INFLATION : file.length - header;
            if (gz ? total > available : total != available)
                throw new InputException(source + ": IDX dimensions " + Arrays.toString(dims) + " need " + total
                        + " bytes of data, the file " + (gz ? "cannot hold that many (" + file.length + " bytes gzipped)" : "holds " + available));
            byte[] data = readN(in, (int) total, source, "data");
            if (gz && in.read() != -1) throw new InputException(source + ": IDX data is longer than its dimensions " + Arrays.toString(dims));
            return new Array(dims, data);
        } catch (IOException e) {
            throw new InputException(source + ": cannot read IDX data (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    private static byte[] readN(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) throw new InputException(source + ": truncated IDX " + what + " (" + off + " of " + n + " bytes)");
            off += r;
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x ", x & 0xff));
        return s.toString().trim();
    }

}
