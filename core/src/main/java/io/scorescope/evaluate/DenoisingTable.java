package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.field.ScoreField;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.training.DataMoments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Held-out denoising of an image model against two baselines. Clean held-out images x0 (n x D) are noised,
 * y = x0 + sigma eps, and each denoiser's ratio is (1/(n D)) sum |D(y) - x0|^2 / sigma^2, its MSE per pixel in units
 * of the noise variance:
 * <ul>
 *   <li>model: D(y) = y + sigma^2 g_sigma(y) ({@link ScoreField#denoise});</li>
 *   <li>Wiener: D(y) = mu + Sigma (Sigma + sigma^2 I)^{-1} (y - mu) with the training mean and covariance
 *       ({@link WienerDenoiser});</li>
 *   <li>identity: D(y) = y, whose ratio is the mean of eps^2 (1 in expectation).</li>
 * </ul>
 * Common random numbers: one noise matrix eps ~ N(0, I) (n x D) from the stream Rng(seed).split(5) is used at every
 * sigma and by all three denoisers, so differences between columns and rows are not noise-draw differences.
 */
public record DenoisingTable(List<Row> rows, int images, String moments) {
    /** The noise levels of the table. */
    public static final double[] SIGMAS = {0.05, 0.1, 0.2, 0.5, 1.0};
    /** The split of the seed that draws eps (after samples 3 and classifier 4 of {@link ImageQuality}). */
    public static final long NOISE_STREAM = 5;
    private static final int CHUNK = 128;

    /** One noise level: MSE / sigma^2 per pixel of each denoiser. */
    public record Row(double sigma, double model, double wiener, double identity) {}

    /** The table at {@link #SIGMAS} with the Wiener filter of the given training moments. */
    public static DenoisingTable measure(ScoreField model, DataMoments train, Mat clean, long seed) {
        return measure(model, train, clean, seed, SIGMAS, done -> { });
    }

    /**
     * The table at the given levels with the Wiener filter of the given training moments, reporting the number of
     * model denoisings done so far (of {@link #work(int, int)}) after each chunk.
     */
    public static DenoisingTable measure(ScoreField model, DataMoments train, Mat clean, long seed, double[] sigmas, LongConsumer progress) {
        return measure(model, new WienerDenoiser(train.mean(), train.covariance()), clean, seed, sigmas,
                train.origin() + " training moments (n = " + train.n() + ")", progress);
    }

    /** The number of model denoisings in a table of {@code levels} levels and {@code images} held-out images. */
    public static long work(int levels, int images) { return (long) levels * images; }

    /** The table at the given levels with the given Wiener filter; {@code progress} as above. */
    public static DenoisingTable measure(ScoreField model, WienerDenoiser wiener, Mat clean, long seed, double[] sigmas, String moments,
                                         LongConsumer progress) {
        int n = clean.rows(), d = clean.cols();
        if (n < 1) throw new IllegalArgumentException("no held-out images");
        if (model.dim() != d || wiener.dim() != d)
            throw new IllegalArgumentException("images of dimension " + d + ", model " + model.dim() + ", Wiener filter " + wiener.dim());
        Mat eps = new Rng(seed).split(NOISE_STREAM).gaussian(n, d);
        List<Row> rows = new ArrayList<>();
        for (double sigma : sigmas) {
            Mat y = clean.plusScaled(sigma, eps);
            long before = (long) rows.size() * n;
            Mat dm = denoiseInChunks(model, y, sigma, done -> progress.accept(before + done));
            Mat dw = wiener.denoise(y, sigma);
            rows.add(new Row(sigma, ratio(dm, clean, sigma), ratio(dw, clean, sigma), ratio(y, clean, sigma)));
        }
        return new DenoisingTable(List.copyOf(rows), n, moments);
    }

    /** (1/(n D)) sum (denoised - clean)^2 / sigma^2. */
    static double ratio(Mat denoised, Mat clean, double sigma) {
        double s = 0;
        double[] a = denoised.data(), b = clean.data();
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s / a.length / (sigma * sigma);
    }

    private static Mat denoiseInChunks(ScoreField model, Mat y, double sigma, LongConsumer rowsDone) {
        Mat out = new Mat(y.rows(), y.cols());
        for (int from = 0; from < y.rows(); from += CHUNK) {
            int to = Math.min(y.rows(), from + CHUNK);
            double[] s = new double[to - from];
            Arrays.fill(s, sigma);
            Mat part = model.denoise(y.rows(from, to), s);
            System.arraycopy(part.data(), 0, out.data(), from * y.cols(), part.data().length);
            rowsDone.accept(to);
        }
        return out;
    }

    /** The rows as the "denoising" list of {@code evaluate --json}. */
    public ArrayNode toJson() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Row r : rows) {
            ObjectNode o = a.addObject().put("sigma", r.sigma());
            Json.putFinite(o, "model_mse_ratio", r.model());
            Json.putFinite(o, "wiener_mse_ratio", r.wiener());
            Json.putFinite(o, "identity_mse_ratio", r.identity());
        }
        return a;
    }

    /** What the table was computed from ("denoising_setup" of {@code evaluate --json}). */
    public ObjectNode setupJson() {
        return Json.object().put("heldout_images", images).put("noise", "eps from Rng(seed).split(" + NOISE_STREAM
                + "), the same for every sigma and denoiser").put("wiener", moments)
                .put("ratio", "mean over images and pixels of (D(x0 + sigma eps) - x0)^2 / sigma^2");
    }
}
