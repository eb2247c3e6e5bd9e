package io.scorescope.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.Linalg;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.SafeTensors;
import io.scorescope.math.Mat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The mean and covariance of the training points, mu = (1/n) sum_i y_i and Sigma = (1/n) sum_i (y_i - mu)(y_i - mu)^T
 * (the moments of the empirical training distribution), as the linear (Wiener) denoiser needs them. They are stored
 * in the model folder as {@value #FILE} (tensors {@code mean} [D] and {@code covariance} [D, D], float32; metadata:
 * format, n and the data description) when an image model is trained, so that held-out evaluation needs no
 * training data. Computed in float64 and rounded to float32, the precision of the file: moments computed again from
 * the data (a folder written before the file existed) are bit-identical to stored ones. Loading parses numbers only.
 *
 * @param origin "stored" (read from the model folder) or "computed" (from the training points)
 */
public record DataMoments(double[] mean, Mat covariance, int n, String origin) {
    public static final String FILE = "data-moments.safetensors";
    static final String FORMAT = "scorescope-data-moments/1";

    public DataMoments {
        if (covariance.rows() != mean.length || covariance.cols() != mean.length)
            throw new IllegalArgumentException("covariance " + covariance.shape() + " does not match a mean of length " + mean.length);
    }

    public int dim() { return mean.length; }

    /** The moments of the rows of {@code points} (n >= 1), rounded to float32. */
    public static DataMoments of(Mat points) {
        int n = points.rows(), d = points.cols();
        if (n < 1) throw new IllegalArgumentException("moments of an empty set");
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) mu[k] += points.get(i, k);
        for (int k = 0; k < d; k++) mu[k] /= n;
        Mat centred = new Mat(n, d);
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) centred.set(i, k, points.get(i, k) - mu[k]);
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        Mat cov = Linalg.weightedGram(centred, w).symmetricPart();
        return new DataMoments(round(mu), new Mat(d, d, round(cov.data())), n, "computed");
    }

    /** Writes {@value #FILE} into the model folder {@code dir}; {@code data} is the description of the training data. */
    public void write(Path dir, ObjectNode data) {
        int d = dim();
        Map<String, SafeTensors.Entry> t = new LinkedHashMap<>();
        t.put("mean", new SafeTensors.Entry(new long[] {d}, floats(mean)));
        t.put("covariance", new SafeTensors.Entry(new long[] {d, d}, floats(covariance.data())));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("n", Integer.toString(n));
        meta.put("data", Json.toString(data));
        meta.put("definition", "mean and covariance (1/n) of the training points, float32");
        SafeTensors.write(dir.resolve(FILE), t, meta);
    }

    /**
     * The stored moments of a model folder, if it has the file. A file that is malformed, of another dimension or of
     * other training data than {@code data} is an InputException.
     */
    public static Optional<DataMoments> read(Path dir, int dim, JsonNode data) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) return Optional.empty();
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get("format"))) throw new InputException(file + ": not a data-moments file (format '" + meta.get("format") + "')");
        SafeTensors.Entry m = c.tensors().get("mean"), s = c.tensors().get("covariance");
        if (m == null || s == null || !Arrays.equals(m.shape(), new long[] {dim}) || !Arrays.equals(s.shape(), new long[] {dim, dim}))
            throw new InputException(file + ": expected tensors mean [" + dim + "] and covariance [" + dim + ", " + dim + "]");
        try {
            if (data != null && !Json.sameContent(Json.MAPPER.readTree(meta.get("data")), data))
                throw new InputException(file + ": the moments are of other data than the model was trained on");
            return Optional.of(new DataMoments(doubles(m.data()), new Mat(dim, dim, doubles(s.data())), Integer.parseInt(meta.get("n")), "stored"));
        } catch (IOException | NumberFormatException | NullPointerException e) {
            throw new InputException(file + ": corrupt data-moments metadata", e);
        }
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = (float) v[i];
        return r;
    }

    private static float[] floats(double[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) r[i] = (float) v[i];
        return r;
    }

    private static double[] doubles(float[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = v[i];
        return r;
    }
}
