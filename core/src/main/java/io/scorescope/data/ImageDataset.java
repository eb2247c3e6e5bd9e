package io.scorescope.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import java.util.Arrays;

/**
 * Labelled images as points: one image per row of {@code images}, flattened (channel, row, column) and
 * scaled to [-1, 1] (pixel p of a format with maximum P becomes 2p/P - 1).
 *
 * @param name data set name ("digits", "mnist", "fashion-mnist")
 * @param images n x (channels height width)
 * @param labels n class labels
 * @param source JSON provenance: spec, files with sha256, split, label subset, count
 */
public record ImageDataset(String name, Mat images, int[] labels, int channels, int height, int width, ObjectNode source) {
    public ImageDataset {
        if (images.rows() != labels.length) throw new IllegalArgumentException(images.rows() + " images but " + labels.length + " labels");
        if (images.cols() != channels * height * width) throw new IllegalArgumentException("image size does not match its shape");
    }

    public int size() { return labels.length; }
    public int dim() { return images.cols(); }

    /** Image i as a height x width matrix (channel c). */
    public Mat image(int i, int channel) { return picture(images.row(i), channel); }

    /** Any flattened image-shaped vector (a sample, a feature) as a height x width matrix of channel c. */
    public Mat picture(double[] flat, int channel) {
        if (flat.length != dim()) throw new IllegalArgumentException("vector of length " + flat.length + " is not a " + channels + "x" + height + "x" + width + " image");
        return new Mat(height, width, Arrays.copyOfRange(flat, channel * height * width, (channel + 1) * height * width));
    }

    /** The rows at the given indices, in that order, with provenance {@code note} appended. */
    public ImageDataset select(int[] rows, String note) {
        Mat m = new Mat(rows.length, dim());
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            m.setRow(i, images.row(rows[i]));
            l[i] = labels[rows[i]];
        }
        ObjectNode s = source.deepCopy();
        ArrayNode steps = s.has("selection") ? (ArrayNode) s.get("selection") : s.putArray("selection");
        steps.add(note);
        s.put("n", rows.length);
        return new ImageDataset(name, m, l, channels, height, width, s);
    }

    /** The images whose label is in {@code keep}. */
    public ImageDataset withLabels(int... keep) {
        int[] rows = java.util.stream.IntStream.range(0, size()).filter(i -> Arrays.stream(keep).anyMatch(k -> k == labels[i])).toArray();
        return select(rows, "labels " + Arrays.toString(keep));
    }

    /** The first n images (all if n >= size). */
    public ImageDataset head(int n) {
        return n >= size() ? this : select(java.util.stream.IntStream.range(0, n).toArray(), "first " + n);
    }

    /** Rows [from, to). */
    public ImageDataset range(int from, int to) {
        return select(java.util.stream.IntStream.range(from, to).toArray(), "rows " + from + ".." + (to - 1));
    }

    /** Number of images per label 0..max. */
    public int[] labelCounts() {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] c = new int[max + 1];
        for (int l : labels) c[l]++;
        return c;
    }

    /** The JSON description stored with models trained on these images ({@code kind = images}). */
    public ObjectNode info() {
        ObjectNode o = Json.object().put("kind", "images");
        o.setAll(source);
        o.put("n", size()).put("dim", dim()).put("channels", channels).put("height", height).put("width", width);
        return o;
    }
}
