package io.scorescope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON mapper (Jackson): pretty-printed, keys in insertion order. JSON has no NaN or infinity (Jackson would
 * write the strings "NaN"/"Infinity"): numbers that may be non-finite go through {@link #putFinite} / {@link #addFinite},
 * which write null instead.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static ObjectNode object() { return MAPPER.createObjectNode(); }

    /** Puts v under key if it is finite, else JSON null; returns o. */
    public static ObjectNode putFinite(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
        return o;
    }

    /** Appends v if it is finite, else JSON null; returns a. */
    public static ArrayNode addFinite(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v); else a.addNull();
        return a;
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Same content written out: node equality is too strict for descriptions read back from a file (a long written
     * out reads back as an int node).
     */
    public static boolean sameContent(JsonNode a, JsonNode b) { return toString(a).equals(toString(b)); }

    /** Atomically writes value as pretty JSON. */
    public static void write(Path target, Object value) { AtomicFiles.writeString(target, toString(value) + "\n"); }

    public static ObjectNode read(Path file) {
        try {
            var node = MAPPER.readTree(Files.readString(file));
            if (!(node instanceof ObjectNode o)) throw new InputException(file + ": expected a JSON object");
            return o;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException("missing file " + file, e);
        } catch (IOException e) {
            throw new InputException(file + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String m) { return m == null ? "" : m.lines().findFirst().orElse(""); }
}
