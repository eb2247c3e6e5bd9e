package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ComponentDensity;
import io.scorescope.data.Manifold;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.ScoreField;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import io.scorescope.training.NoiseDistribution;
import io.scorescope.training.Trainer;
import java.util.Arrays;

/**
 * Sample quality of a model trained on a built-in manifold M with density q0:
 * <ul>
 *   <li>distance of samples to M, after the final denoising step (x + sigma_min^2 g) and without it (raw);</li>
 *   <li>excess held-out DSM loss over the exact Bayes floor: L(g) - L(g*), where g* is the exact smoothed score
 *       of q0 (by quadrature) and both losses use the same draws (x0 fresh from q0, sigma, eps);</li>
 *   <li>density match: the mean soft responsibility r_k(y) = w_k p_k(y)/q0(y) of the samples projected on M,
 *       against the true weights w_k (unbiased for a perfect sampler), and the energy distance
 *       E|X - Y| - (E|X - X'| + E|Y - Y'|)/2 between the projected samples and fresh data, next to the same
 *       statistic for two fresh data sets of that size (its null level).</li>
 * </ul>
 */
public record SampleQuality(double distanceMedian, double distanceP90, double distanceMedianRaw, double distanceP90Raw,
                            double excessLoss, double modelLoss, double bayesLoss, String[] components,
                            double[] trueWeights, double[] estimatedWeights, double proportionErrorMax,
                            double energyDistance, double energyDistanceNull) {

    /** Measures everything; {@code denoised} and {@code raw} are the same samples with and without the final step. */
    public static SampleQuality measure(ScoreField model, Manifold m, Mat denoised, Mat raw, double sigmaMin,
                                        double sigmaMax, int lossDraws, long seed) {
        double[] dist = distances(m, denoised), distRaw = distances(m, raw);
        Rng rng = new Rng(seed);
        // held-out loss, common random numbers for the model and the exact field
        Mat x0 = m.sample(lossDraws, rng.split(1).nextLong());
        Rng r = rng.split(2);
        Mat eps = r.gaussian(lossDraws, m.ambientDim());
        double[] sigma = new double[lossDraws];
        Mat x = x0.copy();
        for (int i = 0; i < lossDraws; i++) {
            sigma[i] = NoiseDistribution.LOG_UNIFORM.draw(r, sigmaMin, sigmaMax);
            for (int k = 0; k < x.cols(); k++) x.add(i, k, sigma[i] * eps.get(i, k));
        }
        double modelLoss = Trainer.dsmLoss(model, x, sigma, eps);
        double bayes = Trainer.dsmLoss(new ManifoldField(m), x, sigma, eps);
        String[] names = null;
        double[] w = null, est = null;
        double errMax = Double.NaN;
        Mat projected = project(m, denoised);
        if (m instanceof ComponentDensity cd) {
            names = cd.componentNames();
            w = cd.componentWeights();
            est = new double[w.length];
            for (int i = 0; i < projected.rows(); i++) {
                double[] resp = cd.responsibilities(projected.row(i));
                for (int k = 0; k < w.length; k++) est[k] += resp[k] / projected.rows();
            }
            errMax = 0;
            for (int k = 0; k < w.length; k++) errMax = Math.max(errMax, Math.abs(est[k] - w[k]));
        }
        int n = denoised.rows();
        Mat fresh = m.sample(n, rng.split(3).nextLong()), fresh2 = m.sample(n, rng.split(4).nextLong());
        return new SampleQuality(quantile(dist, 0.5), quantile(dist, 0.9), quantile(distRaw, 0.5), quantile(distRaw, 0.9),
                modelLoss - bayes, modelLoss, bayes, names, w, est, errMax,
                energyDistance(projected, fresh), energyDistance(fresh2, fresh));
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        Json.putFinite(o, "distance_median", distanceMedian);
        Json.putFinite(o, "distance_p90", distanceP90);
        Json.putFinite(o, "distance_median_raw", distanceMedianRaw);
        Json.putFinite(o, "distance_p90_raw", distanceP90Raw);
        Json.putFinite(o, "excess_loss", excessLoss);
        Json.putFinite(o, "model_loss", modelLoss);
        Json.putFinite(o, "bayes_loss", bayesLoss);
        if (components != null) {
            ObjectNode p = o.putObject("proportions");
            for (int k = 0; k < components.length; k++)
                Json.putFinite(Json.putFinite(p.putObject(components[k]), "true", trueWeights[k]), "estimated", estimatedWeights[k]);
            Json.putFinite(o, "proportion_error_max", proportionErrorMax);
        } else {
            o.putNull("proportion_error_max");
        }
        ObjectNode two = o.putObject("two_sample").put("statistic", "energy distance (projected samples vs fresh data)");
        Json.putFinite(two, "value", energyDistance);
        Json.putFinite(two, "null_level", energyDistanceNull);
        return o;
    }

    static double[] distances(Manifold m, Mat x) {
        double[] d = new double[x.rows()];
        for (int i = 0; i < d.length; i++) d[i] = m.distance(x.row(i));
        return d;
    }

    static Mat project(Manifold m, Mat x) {
        Mat p = new Mat(x.rows(), x.cols());
        for (int i = 0; i < x.rows(); i++) p.setRow(i, m.project(x.row(i)));
        return p;
    }

    /** Linear-interpolated empirical quantile. */
    public static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** Energy distance (V-statistic) between two samples. */
    public static double energyDistance(Mat a, Mat b) {
        return 2 * meanDist(a, b) - meanDist(a, a) - meanDist(b, b);
    }

    private static double meanDist(Mat a, Mat b) {
        double s = 0;
        for (int i = 0; i < a.rows(); i++) {
            double[] ai = a.row(i);
            for (int j = 0; j < b.rows(); j++) s += Vec.dist(ai, b.row(j));
        }
        return s / ((double) a.rows() * b.rows());
    }
}
