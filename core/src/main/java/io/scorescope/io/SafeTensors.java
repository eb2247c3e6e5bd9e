package io.scorescope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoint files in the safetensors layout: an 8-byte little-endian header length N, N bytes of JSON
 * ({"__metadata__": {string: string}, name: {"dtype": "F32", "shape": [...], "data_offsets": [b, e]}}),
 * then the raw little-endian data. Loading only parses numbers and JSON: it never executes code.
 * The metadata also holds the SHA-256 of the data section, so truncation and corruption are detected.
 * The files can be read by Python's {@code safetensors} package.
 */
public final class SafeTensors {
    /** Largest header we accept, so a forged length cannot make us allocate gigabytes. */
    private static final long MAX_HEADER = 16L << 20;

    private SafeTensors() {}

    /** One float32 tensor. */
    public record Entry(long[] shape, float[] data) {}

    /** Tensors and string metadata. */
    public record Contents(Map<String, Entry> tensors, Map<String, String> metadata) {}

    public static void write(Path file, Map<String, Entry> tensors, Map<String, String> metadata) {
        long offset = 0;
        ObjectNode header = Json.object();
        for (var e : tensors.entrySet()) {
            long bytes = 4L * e.getValue().data().length;
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long s : e.getValue().shape()) shape.add(s);
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(offset)).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : tensors.values()) for (float f : e.data()) data.putFloat(f);
        ObjectNode meta = Json.object();
        metadata.forEach(meta::put);
        meta.put("sha256", Sha256.of(data.array()));
        // __metadata__ goes first so that humans reading the header see it
        ObjectNode ordered = Json.object();
        ordered.set("__metadata__", meta);
        ordered.setAll(header);
        byte[] json;
        try {
            json = Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(ordered);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int pad = (8 - json.length % 8) % 8;
        byte[] headerBytes = new byte[json.length + pad];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        for (int i = json.length; i < headerBytes.length; i++) headerBytes[i] = ' ';
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
            out.write(headerBytes);
            out.write(data.array());
        });
    }

    public static Contents read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 16) throw new InputException(file + ": checkpoint larger than 2 GiB is not supported");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException("missing checkpoint " + file, e);
        } catch (IOException e) {
            throw new InputException("cannot read checkpoint " + file + ": " + AtomicFiles.describe(e), e);
        }
        String where = file.toString();
        if (bytes.length < 8) throw new InputException(where + ": not a checkpoint (file too short, truncated?)");
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER || n > bytes.length - 8)
            throw new InputException(where + ": corrupt or truncated checkpoint (header length " + n + " vs file size " + bytes.length + ")");
        JsonNode header;
        try {
            header = Json.MAPPER.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(where + ": corrupt checkpoint header (not JSON)");
        }
        if (!(header instanceof ObjectNode h)) throw new InputException(where + ": corrupt checkpoint header");
        int base = 8 + (int) n;
        long dataLen = bytes.length - (long) base;
        Map<String, String> meta = new LinkedHashMap<>();
        JsonNode m = h.get("__metadata__");
        if (m != null) {
            if (!m.isObject()) throw new InputException(where + ": corrupt checkpoint metadata");
            m.fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
        }
        Map<String, Entry> tensors = new LinkedHashMap<>();
        long maxEnd = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) continue;
            JsonNode t = e.getValue();
            String name = e.getKey();
            if (!t.isObject() || !"F32".equals(t.path("dtype").asText()) || !t.path("shape").isArray()
                    || !t.path("data_offsets").isArray() || t.path("data_offsets").size() != 2)
                throw new InputException(where + ": tensor '" + name + "' has an unsupported or malformed entry (need dtype F32)");
            long begin = t.path("data_offsets").get(0).asLong(-1), end = t.path("data_offsets").get(1).asLong(-1);
            long count = 1;
            long[] shape = new long[t.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.path("shape").get(i).asLong(-1);
                if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) throw new InputException(where + ": tensor '" + name + "' has a bad shape");
                count = Math.multiplyHigh(count, shape[i]) != 0 ? Long.MAX_VALUE : count * shape[i];
            }
            if (begin < 0 || end < begin || end > dataLen)
                throw new InputException(where + ": truncated checkpoint (tensor '" + name + "' ends at byte " + end + " of " + dataLen + ")");
            if (end - begin != 4 * count) throw new InputException(where + ": tensor '" + name + "' size does not match its shape");
            maxEnd = Math.max(maxEnd, end);
            float[] d = new float[(int) count];
            ByteBuffer.wrap(bytes, base + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(d);
            tensors.put(name, new Entry(shape, d));
        }
        if (maxEnd != dataLen) throw new InputException(where + ": corrupt checkpoint (" + (dataLen - maxEnd) + " trailing bytes)");
        String expected = meta.get("sha256");
        if (expected != null) {
            byte[] data = new byte[(int) dataLen];
            System.arraycopy(bytes, base, data, 0, data.length);
            if (!expected.equals(Sha256.of(data))) throw new InputException(where + ": corrupt checkpoint (checksum mismatch)");
        }
        return new Contents(tensors, meta);
    }
}
