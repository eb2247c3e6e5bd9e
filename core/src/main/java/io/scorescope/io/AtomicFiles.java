package io.scorescope.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes that never leave a half-written file: content goes to a temporary file in the same folder,
 * which is flushed to disk and then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes to a stream. */
    @FunctionalInterface
    public interface Writer { void writeTo(OutputStream out) throws IOException; }

    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            readableByAll(tmp);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (tmp != null) try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
        }
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Creates the folder (and parents), failing with a clear message if it is not writable. */
    public static Path ensureWritableDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException("cannot create output folder " + dir + ": " + describe(e), e);
        }
        if (!Files.isDirectory(dir)) throw new InputException("output path " + dir + " is not a folder");
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".probe", ".tmp");
        } catch (IOException e) {
            throw new InputException("output folder " + dir + " is not writable", e);
        } finally {
            if (probe != null) try { Files.deleteIfExists(probe); } catch (IOException ignored) { /* ignore */ }
        }
        return dir;
    }

    /** Temporary files are created owner-only; outputs are ordinary files (rw-r--r--). */
    private static void readableByAll(Path p) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix"))
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    /** Rethrows as unchecked, for lambdas. */
    public static UncheckedIOException unchecked(IOException e) { return new UncheckedIOException(e); }
}
