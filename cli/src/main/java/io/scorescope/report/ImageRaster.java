package io.scorescope.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Turns {@link GrayImage}s into pixels, PNG bytes and data URIs. */
final class ImageRaster {
    private ImageRaster() {}

    /** One pixel per value, scaled up by an integer factor with nearest-neighbour sampling. */
    static BufferedImage toImage(GrayImage g, int scale) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : g.values()) if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (lo > hi) { lo = 0; hi = 1; }
        double bound = Math.max(Math.abs(lo), Math.abs(hi));
        BufferedImage img = new BufferedImage(g.width() * scale, g.height() * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < g.height(); r++) {
            for (int c = 0; c < g.width(); c++) {
                double v = g.value(c, r);
                int rgb = g.palette() == GrayImage.Palette.GRAY ? gray(v, lo, hi) : diverging(v, bound);
                for (int dy = 0; dy < scale; dy++) for (int dx = 0; dx < scale; dx++) img.setRGB(c * scale + dx, r * scale + dy, rgb);
            }
        }
        return img;
    }

    static int gray(double v, double lo, double hi) {
        if (!Double.isFinite(v)) return 0xff00ff;
        int k = hi > lo ? (int) Math.round(255 * (v - lo) / (hi - lo)) : 128;
        return (k << 16) | (k << 8) | k;
    }

    /** White at 0, saturating to blue (negative) or red (positive) at |v| = bound. */
    static int diverging(double v, double bound) {
        if (!Double.isFinite(v)) return 0x00ff00;
        double t = bound > 0 ? Math.max(-1, Math.min(1, v / bound)) : 0;
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? (0xff << 16) | (fade << 8) | fade : (fade << 16) | (fade << 8) | 0xff;
    }

    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) throw new IllegalStateException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Integer upscale so that the image is at least about 96 pixels wide. */
    static int displayScale(GrayImage g) { return Math.max(1, (int) Math.ceil(96.0 / Math.max(g.width(), g.height()))); }

    static String dataUri(GrayImage g) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(toImage(g, displayScale(g))));
    }
}
