package io.scorescope.engine;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bytedeco.javacpp.Loader;

/**
 * Loads libtorch's native libraries once per JVM while holding an exclusive file lock on JavaCPP's cache folder
 * ({@code org.bytedeco.javacpp.cachedir}, default ~/.javacpp/cache), so that JVMs started at the same time never
 * load a library another one is still unpacking. Without it, 4 JVMs against an empty cache crashed 5 times in 8
 * (SIGBUS in ld-linux while mapping a half-written .so; measured, JavaCPP 1.5.13), although JavaCPP locks each
 * file it writes. The first JVM unpacks and loads; the others wait, then find complete files and only load them.
 * Every class of this package that touches JavaCPP calls {@link #load} first (static initialiser). A cache
 * folder that cannot hold the lock file (read-only, pre-extracted) is used without the lock.
 */
public final class NativeCache {
    static final String LOCK = ".scorescope-load.lock";
    private static volatile boolean loaded;

    private NativeCache() {}

    public static void load() {
        if (loaded) return;
        synchronized (NativeCache.class) {
            if (loaded) return;
            FileChannel ch = null;
            FileLock lock = null;
            try {
                File dir = Loader.getCacheDir();
                ch = FileChannel.open(Path.of(dir.getPath(), LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = ch.lock();
            } catch (IOException | RuntimeException e) {
                // no lock possible: load as JavaCPP would
            }
            try {
                Loader.load(org.bytedeco.pytorch.global.torch.class);
                loaded = true;
            } finally {
                try {
                    if (lock != null) lock.release();
                    if (ch != null) ch.close();
                } catch (IOException ignored) {
                    // the lock goes with the channel
                }
            }
        }
    }

    /** Loads the natives and prints "ok" (the concurrent-start test runs this in several JVMs at once). */
    public static void main(String[] args) {
        load();
        org.bytedeco.pytorch.global.torch.set_num_threads(1);
        System.out.println("ok " + org.bytedeco.pytorch.global.torch.get_num_threads());
    }
}
