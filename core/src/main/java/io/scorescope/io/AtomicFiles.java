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
            Path file = fileInTheWay(dir);
            throw new InputException("cannot create output folder " + dir + ": "
                    + (file != null ? "a file is in the way (" + file + ")" : describe(e)), e);
        }
        if (!Files.isDirectory(dir)) throw new InputException("output path " + dir + " is not a folder");
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".probe", ".tmp");
        } catch (IOException e) {
            throw new InputException("output folder " + dir + " is not writable: " + describe(e), e);
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

    /** The nearest existing path on the way to dir (dir itself or a parent) that is not a folder, or null. */
    private static Path fileInTheWay(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent())
            if (Files.exists(p)) return Files.isDirectory(p) ? null : p;
        return null;
    }

    /**
     * What went wrong with a file, in words for a one-line message (no exception class names), e.g.
     * "permission denied (/x/y)", "no space left on the device", "a file is in the way (/x)".
     */
    public static String describe(IOException e) {
        String file = e instanceof java.nio.file.FileSystemException fs ? fs.getFile() : null;
        String where = file == null ? "" : " (" + file + ")";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder" + where;
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied" + where;
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file is in the way" + where;
        if (e instanceof java.nio.file.NotDirectoryException) return "not a folder" + where;
        if (e instanceof java.nio.file.DirectoryNotEmptyException) return "the folder is not empty" + where;
        if (e instanceof java.nio.charset.CharacterCodingException) return "not UTF-8 text";
        if (e instanceof java.io.EOFException) return "unexpected end of file";
        String reason = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
        return words(reason) + where;
    }

    /** An operating-system reason ("No space left on device") in the words of the CLI's messages. */
    private static String words(String reason) {
        if (reason == null || reason.isBlank()) return "input/output error";
        String r = reason.strip();
        return switch (r.toLowerCase(java.util.Locale.ROOT)) {
            case "not a directory" -> "a file is in the way";
            case "is a directory" -> "it is a folder, not a file";
            case "permission denied", "operation not permitted" -> "permission denied";
            case "no space left on device" -> "no space left on the device";
            case "disk quota exceeded" -> "disk quota exceeded";
            case "read-only file system" -> "the file system is read-only";
            case "file name too long" -> "the name is too long";
            case "too many levels of symbolic links" -> "too many levels of symbolic links";
            case "input/output error" -> "input/output error";
            default -> Character.toLowerCase(r.charAt(0)) + r.substring(1);
        };
    }

    /** Rethrows as unchecked, for lambdas. */
    public static UncheckedIOException unchecked(IOException e) { return new UncheckedIOException(e); }
}
