package io.scorescope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-system problems are described in words, never by exception class names. */
class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void aFolderUnderAFileNamesTheFileInTheWay() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        for (Path target : new Path[] {file.resolve("sub"), file.resolve("sub/deeper"), file}) {
            String m = assertThrows(InputException.class, () -> AtomicFiles.ensureWritableDir(target)).getMessage();
            assertFalse(m.contains("Exception"), m);
            assertTrue(m.contains("a file is in the way (" + file + ")") || m.equals("output path " + target + " is not a folder"), m);
        }
        String w = assertThrows(InputException.class, () -> AtomicFiles.writeString(file.resolve("out.json"), "{}")).getMessage();
        assertTrue(w.startsWith("cannot write " + file.resolve("out.json") + ": ") && !w.contains("Exception"), w);
    }

    @Test
    void operatingSystemReasonsBecomeWords() {
        assertEquals("no space left on the device (/x/y)", AtomicFiles.describe(new FileSystemException("/x/y", null, "No space left on device")));
        assertEquals("a file is in the way (/x/y)", AtomicFiles.describe(new FileSystemException("/x/y", null, "Not a directory")));
        assertEquals("the file system is read-only (/x)", AtomicFiles.describe(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("permission denied (/x)", AtomicFiles.describe(new AccessDeniedException("/x")));
        assertEquals("no such file or folder (/x)", AtomicFiles.describe(new NoSuchFileException("/x")));
        assertEquals("no space left on the device", AtomicFiles.describe(new IOException("No space left on device")));
        assertEquals("input/output error", AtomicFiles.describe(new IOException()));
        assertEquals("unexpected end of file", AtomicFiles.describe(new java.io.EOFException()));
    }
}
