package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.sde.Prior;
import java.util.Locale;

/**
 * How far a sampler's start is from the distribution its reverse process assumes there: the training set smoothed at
 * the top level, p = (1/n) sum_k N(y_k, sigma_max^2 I) (what the model was trained to denoise at sigma_max; the
 * {@code data} prior). Monte Carlo over m draws x_j ~ p (y_k uniform, plus sigma_max z):
 * <pre>
 *   KL(p || prior) ~ (1/m) sum_j [log p(x_j) - log prior(x_j)],   standard error sd / sqrt(m).
 * </pre>
 * Zero for the data prior; for the moments prior N(mu, Sigma + sigma_max^2 I) it is the price of matching only the
 * first two moments, which falls as sigma_max grows past the distances between training points. Draws come from the
 * stream Rng(seed).split(6).
 */
public record PriorGap(String prior, double sigmaMax, double klNats, double standardError, int draws, int trainingPoints) {
    public static final long STREAM = 6;
    public static final int DEFAULT_DRAWS = 256;

    /** KL(p_sigma_max || start) over {@code draws} draws from the training points' p_sigma_max. */
    public static PriorGap measure(Prior start, Mat training, double sigmaMax, int draws, long seed) {
        if (draws < 2) throw new IllegalArgumentException("need at least 2 draws, got " + draws);
        Prior exact = Prior.noisedData(training);
        Mat x = exact.draw(draws, training.cols(), sigmaMax, new Rng(seed).split(STREAM));
        double[] logP = exact.logDensity(x, sigmaMax), logQ = start.logDensity(x, sigmaMax);
        double sum = 0, sumSq = 0;
        for (int j = 0; j < draws; j++) {
            double r = logP[j] - logQ[j];
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / draws, var = Math.max(0, (sumSq - draws * mean * mean) / (draws - 1));
        return new PriorGap(start.kind(), sigmaMax, mean, Math.sqrt(var / draws), draws, training.rows());
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object().put("prior", prior).put("sigma_max", sigmaMax);
        Json.putFinite(o, "kl_nats", klNats);
        Json.putFinite(o, "standard_error", standardError);
        return o.put("draws", draws).put("training_points", trainingPoints)
                .put("definition", "KL(p_sigma_max || prior), p_sigma_max = training points smoothed at sigma_max; Monte Carlo");
    }

    /** One line for the terminal. */
    public String describe() {
        return String.format(Locale.ROOT, "prior gap: KL(p_sigma_max || %s prior) = %.3g +- %.2g nats at sigma_max %.3g (%d draws, %d training points)",
                prior, klNats, standardError, sigmaMax, draws, trainingPoints);
    }
}
