package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * Multinomial logistic regression p(k | x) = softmax(x W + b)_k, trained by the tool on the training split
 * (mini-batch SGD with momentum 0.9, L2 penalty, fixed epochs; batches drawn from the seed, so deterministic).
 * A sample-quality gauge that needs no downloaded network: on samples, the mean confidence max_k p(k | x)
 * and the predicted-class histogram; on held-out images, the accuracy that calibrates it.
 */
public final class SoftmaxClassifier {
    private final int classes;
    private final int dim;
    private final double[] w;   // dim x classes, row-major
    private final double[] b;

    private SoftmaxClassifier(int classes, int dim) {
        this.classes = classes;
        this.dim = dim;
        this.w = new double[dim * classes];
        this.b = new double[classes];
    }

    /** Training settings. */
    public record Config(int epochs, int batch, double lr, double l2, long seed) {
        public static final Config DEFAULT = new Config(10, 64, 0.05, 1e-4, 0);
    }

    /** Fits the classifier to images x (rows) with labels 0..K-1. */
    public static SoftmaxClassifier train(Mat x, int[] labels, Config cfg) {
        int k = java.util.Arrays.stream(labels).max().orElse(0) + 1;
        SoftmaxClassifier c = new SoftmaxClassifier(Math.max(2, k), x.cols());
        double[] vw = new double[c.w.length], vb = new double[c.classes];
        double[] gw = new double[c.w.length], gb = new double[c.classes];
        Rng rng = new Rng(cfg.seed());
        int n = x.rows(), d = x.cols();
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            int[] order = permutation(n, rng.split(epoch));
            for (int from = 0; from < n; from += cfg.batch()) {
                int to = Math.min(n, from + cfg.batch());
                java.util.Arrays.fill(gw, 0);
                java.util.Arrays.fill(gb, 0);
                for (int j = from; j < to; j++) {
                    int i = order[j];
                    double[] p = c.probabilities(x, i);
                    p[labels[i]] -= 1;
                    int off = i * d;
                    for (int q = 0; q < d; q++) {
                        double xv = x.data()[off + q];
                        if (xv == 0) continue;
                        int row = q * c.classes;
                        for (int m = 0; m < c.classes; m++) gw[row + m] += xv * p[m];
                    }
                    for (int m = 0; m < c.classes; m++) gb[m] += p[m];
                }
                double scale = 1.0 / (to - from);
                for (int q = 0; q < c.w.length; q++) {
                    vw[q] = 0.9 * vw[q] - cfg.lr() * (gw[q] * scale + cfg.l2() * c.w[q]);
                    c.w[q] += vw[q];
                }
                for (int m = 0; m < c.classes; m++) {
                    vb[m] = 0.9 * vb[m] - cfg.lr() * gb[m] * scale;
                    c.b[m] += vb[m];
                }
            }
        }
        return c;
    }

    public int classes() { return classes; }

    /** p(k | row i of x). */
    public double[] probabilities(Mat x, int i) {
        if (x.cols() != dim) throw new IllegalArgumentException("images have " + x.cols() + " pixels, the classifier " + dim);
        double[] z = b.clone();
        int off = i * dim;
        for (int q = 0; q < dim; q++) {
            double xv = x.data()[off + q];
            if (xv == 0) continue;
            int row = q * classes;
            for (int m = 0; m < classes; m++) z[m] += xv * w[row + m];
        }
        double max = java.util.Arrays.stream(z).max().orElse(0), sum = 0;
        for (int m = 0; m < classes; m++) { z[m] = Math.exp(z[m] - max); sum += z[m]; }
        for (int m = 0; m < classes; m++) z[m] /= sum;
        return z;
    }

    /** Predicted class per row. */
    public int[] predict(Mat x) {
        int[] out = new int[x.rows()];
        for (int i = 0; i < out.length; i++) out[i] = argmax(probabilities(x, i));
        return out;
    }

    /** Share of rows whose predicted class equals the label. */
    public double accuracy(Mat x, int[] labels) {
        int[] p = predict(x);
        int hit = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == labels[i]) hit++;
        return hit / (double) p.length;
    }

    /** On unlabelled samples: mean confidence, share with confidence >= 0.9, predicted-class histogram. */
    public record SampleReport(double meanConfidence, double confidentShare, int[] classCounts) {
        public ObjectNode toJson() {
            ObjectNode o = Json.putFinite(Json.object(), "mean_confidence", meanConfidence);
            Json.putFinite(o, "share_confidence_ge_0.9", confidentShare);
            var a = o.putArray("predicted_class_counts");
            for (int c : classCounts) a.add(c);
            return o;
        }
    }

    public SampleReport onSamples(Mat samples) {
        double conf = 0;
        int confident = 0;
        int[] counts = new int[classes];
        for (int i = 0; i < samples.rows(); i++) {
            double[] p = probabilities(samples, i);
            int k = argmax(p);
            counts[k]++;
            conf += p[k];
            if (p[k] >= 0.9) confident++;
        }
        return new SampleReport(conf / samples.rows(), confident / (double) samples.rows(), counts);
    }

    private static int[] permutation(int n, Rng rng) {
        int[] p = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int argmax(double[] v) {
        int k = 0;
        for (int m = 1; m < v.length; m++) if (v[m] > v[k]) k = m;
        return k;
    }
}
