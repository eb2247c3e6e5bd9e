package io.scorescope.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions of this build, taken from the Maven properties (project.version, pytorch.version, javacpp.version)
 * that resource filtering writes into {@code io/scorescope/version.properties}: the one source for {@code --version}
 * and provenance, the same in tests and in the jar.
 */
public final class BuildInfo {
    private static final String RESOURCE = "/io/scorescope/version.properties";
    private static final Properties PROPS = load();

    /** Scorescope's own version (project.version). */
    public static final String VERSION = get("scorescope.version");
    /** The JavaCPP presets version (javacpp.version). */
    public static final String JAVACPP = get("javacpp.version");
    /** The libtorch version: pytorch.version without its "-JAVACPP" presets suffix. */
    public static final String LIBTORCH = libtorch(get("pytorch.version"), JAVACPP);

    private BuildInfo() {}

    /** "libtorch 2.10.0 (JavaCPP presets 1.5.13)". */
    public static String engine() { return "libtorch " + LIBTORCH + " (JavaCPP presets " + JAVACPP + ")"; }

    static String libtorch(String pytorch, String javacpp) {
        String suffix = "-" + javacpp;
        return pytorch.endsWith(suffix) ? pytorch.substring(0, pytorch.length() - suffix.length()) : pytorch;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static String get(String key) {
        String v = PROPS.getProperty(key);
        if (v == null || v.isBlank() || v.contains("${"))
            throw new IllegalStateException(RESOURCE + ": " + key + " was not filled in by the build (" + v + ")");
        return v.strip();
    }
}
