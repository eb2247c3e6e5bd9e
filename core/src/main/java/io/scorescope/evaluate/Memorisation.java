package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.Linalg;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import java.util.Arrays;

/**
 * Nearest-training-neighbour distances of samples against those of held-out images (same distribution, never
 * trained on). With d(x) = min_i |x - y_i| over the training images y_i:
 * <ul>
 *   <li>memorisation ratio = median_s d(s) / median_t d(t) over samples s and held-out images t: about 1 for a
 *       model that generalises, well below 1 for one that copies training images, above 1 for samples off the
 *       data (noisy, blurred);</li>
 *   <li>copy fraction = share of samples with d(s) below the 5th percentile of the held-out d(t).</li>
 * </ul>
 * The neighbour is found by a batched float64 search; its distance is then recomputed exactly (a copy of a
 * training image has distance 0).
 */
public record Memorisation(double[] sampleDistances, int[] sampleNeighbours, double[] heldOutDistances,
                           double ratio, double copyFraction) {

    public static Memorisation measure(Mat samples, Mat train, Mat heldOut) {
        return of(samples, train, heldOut, Linalg.nearestRows(samples, train, 1), Linalg.nearestRows(heldOut, train, 1));
    }

    /**
     * The same from known training neighbours, nearest first, of the samples ({@code sampleNeighbours}) and of the
     * held-out images ({@code heldOutNeighbours}); only the first of each list is used.
     */
    public static Memorisation of(Mat samples, Mat train, Mat heldOut, int[][] sampleNeighbours, int[][] heldOutNeighbours) {
        int[] ns = Arrays.stream(sampleNeighbours).mapToInt(n -> n[0]).toArray(), nt = Arrays.stream(heldOutNeighbours).mapToInt(n -> n[0]).toArray();
        double[] ds = distances(samples, train, ns), dt = distances(heldOut, train, nt);
        double q05 = quantile(dt, 0.05);
        double copies = Arrays.stream(ds).filter(d -> d < q05).count() / (double) ds.length;
        return new Memorisation(ds, ns, dt, quantile(ds, 0.5) / quantile(dt, 0.5), copies);
    }

    private static double[] distances(Mat q, Mat ref, int[] nearest) {
        double[] out = new double[q.rows()];
        int d = q.cols();
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double t = q.get(i, k) - ref.get(nearest[i], k);
                s += t * t;
            }
            out[i] = Math.sqrt(s);
        }
        return out;
    }

    /** Median nearest-training distance of the samples. */
    public double sampleMedian() { return quantile(sampleDistances, 0.5); }

    /** Median nearest-training distance of the held-out images. */
    public double heldOutMedian() { return quantile(heldOutDistances, 0.5); }

    /** Linear-interpolated quantile (type 7). */
    static double quantile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        Json.putFinite(o, "memorisation_ratio", ratio);
        Json.putFinite(o, "copy_fraction", copyFraction);
        Json.putFinite(o, "sample_nn_distance_median", sampleMedian());
        Json.putFinite(o, "heldout_nn_distance_median", heldOutMedian());
        return o.put("definition", "median_s min_i |s - y_i| / median_t min_i |t - y_i| (y: training images, t: held-out images)");
    }
}
