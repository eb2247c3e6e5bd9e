package io.scorescope.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The points a model is trained on, with where they came from. For a built-in manifold they are
 * n draws from its density with a seed, so the description alone reproduces them exactly; for a file,
 * the description names the path and its size.
 *
 * @param spec the --data argument (manifold spec or file path)
 * @param manifold the manifold, when the data is a built-in one (exact geometry available)
 * @param points n x D
 * @param info JSON description stored with every model and analysis
 */
public record TrainingData(String spec, Optional<Manifold> manifold, Mat points, ObjectNode info) {

    public static final int DEFAULT_N = 20_000;

    /**
     * Resolves --data: a built-in manifold spec, an image data set ({@link ImageSets}: digits, mnist,
     * fashion-mnist, with its own n= option; {@code n} and {@code seed} do not apply), or a path to a .csv
     * or .npy file.
     */
    public static TrainingData resolve(String spec, int n, long seed) {
        if (n < 2) throw new InputException("--n-train must be >= 2, got " + n);
        if (ImageSets.handles(spec)) {
            ImageDataset d = ImageSets.resolve(spec);
            return new TrainingData(spec, Optional.empty(), d.images(), d.info());
        }
        if (looksLikeFile(spec)) {
            Path p = Path.of(spec);
            Mat pts = PointSet.load(p);
            ObjectNode info = Json.object().put("kind", "file").put("path", p.toAbsolutePath().toString())
                    .put("n", pts.rows()).put("dim", pts.cols());
            return new TrainingData(spec, Optional.empty(), pts, info);
        }
        Manifold m = Manifolds.byName(spec);
        ObjectNode info = Json.object().put("kind", "manifold").put("spec", spec).put("n", n).put("seed", seed)
                .put("description", m.describe()).put("ambient_dim", m.ambientDim()).put("intrinsic_dim", m.intrinsicDim());
        return new TrainingData(spec, Optional.of(m), m.sample(n, seed), info);
    }

    /** Recreates the training data of a model from its stored description. */
    public static TrainingData fromInfo(ObjectNode info) {
        String kind = info.path("kind").asText("");
        return switch (kind) {
            case "manifold" -> resolve(info.path("spec").asText(), info.path("n").asInt(), info.path("seed").asLong());
            case "file" -> resolve(info.path("path").asText(), 2, 0);
            case "images" -> resolve(info.path("spec").asText(), 2, 0);
            default -> throw new InputException("the model does not record its training data (kind '" + kind + "'); pass --data");
        };
    }

    public int dim() { return points.cols(); }

    private static boolean looksLikeFile(String spec) {
        String s = spec.toLowerCase(java.util.Locale.ROOT);
        return s.endsWith(".csv") || s.endsWith(".npy") || s.contains("/") || Files.exists(Path.of(spec));
    }

    /** sigma_data = sqrt of the mean per-coordinate variance of the points (1 for constant data). */
    public double sigmaData() {
        int n = points.rows(), d = points.cols();
        double total = 0;
        for (int k = 0; k < d; k++) {
            double m = 0, s = 0;
            for (int i = 0; i < n; i++) m += points.get(i, k);
            m /= n;
            for (int i = 0; i < n; i++) { double t = points.get(i, k) - m; s += t * t; }
            total += s / n;
        }
        double v = Math.sqrt(total / d);
        return v > 0 ? v : 1;
    }
}
