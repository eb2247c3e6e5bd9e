package io.scorescope.report;

import io.scorescope.data.ImageDataset;
import io.scorescope.field.Posterior;
import io.scorescope.geometry.LocalFeatures;
import io.scorescope.math.Mat;
import io.scorescope.sde.SampleSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures for image data: points of R^D shown as pictures of the data set's shape (channel 0 when there are
 * several). Pixel images use the gray palette (each image from its own minimum to maximum, so noisy iterates
 * stay visible); feature vectors use the diverging one (symmetric about 0).
 */
public final class ImageFigures {
    private ImageFigures() {}

    /** A grid of samples (one image per row of {@code samples}). */
    public static ImageGridFigure sampleGrid(String id, String title, Mat samples, ImageDataset shape, int columns) {
        List<GrayImage> images = new ArrayList<>();
        for (int i = 0; i < samples.rows(); i++) images.add(pixels("", samples.row(i), shape));
        return new ImageGridFigure(id, title, columns, images);
    }

    /**
     * Sample sequences as strips: for each chosen sequence one row of the iterate x and one of the denoised
     * estimate x + sigma^2 g at {@code levels} evenly spaced steps from the first to the last.
     */
    public static ImageGridFigure sequenceStrips(String id, String title, SampleSequence seq, ImageDataset shape,
                                                 int[] sequences, int levels) {
        int[] steps = spaced(seq.steps(), levels);
        List<GrayImage> images = new ArrayList<>();
        for (int s : sequences) {
            for (int t : steps) images.add(pixels("x\nsigma=" + fmt(seq.sigma(t)), seq.point(s, t), shape));
            if (seq.hasDenoised())
                for (int t : steps) images.add(pixels("denoised\nsigma=" + fmt(seq.sigma(t)), seq.denoised(s, t), shape));
        }
        return new ImageGridFigure(id, title, steps.length, images);
    }

    /**
     * Local features as images: for each sigma, the {@code top} kept right-singular vectors (gain > 1/2) with
     * the largest gains (the trailing columns of V), with their gains; one row per sigma.
     */
    public static ImageGridFigure localFeatures(String id, String title, LocalFeatures[] perSigma, ImageDataset shape, int top) {
        List<GrayImage> images = new ArrayList<>();
        for (LocalFeatures f : perSigma) {
            if (f.v() == null) throw new IllegalArgumentException("local features need singular vectors (full SVD)");
            int d = f.gains().length;
            for (int j = 0; j < top; j++) {
                int col = d - 1 - j;   // gains ascend with the column index
                boolean kept = f.gains()[col] > LocalFeatures.KEEP_THRESHOLD;
                String cap = String.format(Locale.ROOT, "sigma=%s\nv%d gain %.2f%s", fmt(f.sigma()), col + 1, f.gains()[col], kept ? "" : "\nnot kept");
                images.add(new GrayImage(cap, shape.width(), shape.height(), shape.picture(f.v().col(col), 0).data(), GrayImage.Palette.DIVERGING));
            }
        }
        return new ImageGridFigure(id, title, top, images);
    }

    /**
     * The effective-density posterior's top training images: one row per point, the point itself followed by
     * the {@code top} training images of largest posterior weight, captioned with the weight.
     */
    public static ImageGridFigure posteriorTopImages(String id, String title, Mat points, Posterior[] posteriors,
                                                     ImageDataset train, int top) {
        if (points.rows() != posteriors.length) throw new IllegalArgumentException("one posterior per point");
        List<GrayImage> images = new ArrayList<>();
        for (int i = 0; i < posteriors.length; i++) {
            Posterior p = posteriors[i];
            images.add(pixels(String.format(Locale.ROOT, "x, sigma=%s\nESS %.1f", fmt(p.sigma()), essOf(p.weights())), points.row(i), train));
            Integer[] order = new Integer[p.weights().length];
            for (int k = 0; k < order.length; k++) order[k] = k;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(p.weights()[b], p.weights()[a]));
            for (int j = 0; j < Math.min(top, order.length); j++) {
                int k = order[j];
                images.add(pixels(String.format(Locale.ROOT, "#%d w=%.3f\nlabel %d", k, p.weights()[k], train.labels()[k]), train.images().row(k), train));
            }
        }
        return new ImageGridFigure(id, title, top + 1, images);
    }

    private static GrayImage pixels(String caption, double[] flat, ImageDataset shape) {
        return new GrayImage(caption, shape.width(), shape.height(), shape.picture(flat, 0).data(), GrayImage.Palette.GRAY);
    }

    private static double essOf(double[] w) {
        double s = 0;
        for (double x : w) s += x * x;
        return 1 / s;
    }

    static int[] spaced(int n, int k) {
        int m = Math.max(1, Math.min(k, n));
        int[] out = new int[m];
        for (int j = 0; j < m; j++) out[j] = m == 1 ? n - 1 : (int) Math.round(j * (n - 1) / (double) (m - 1));
        return out;
    }

    private static String fmt(double sigma) { return String.format(Locale.ROOT, "%.3g", sigma); }
}
