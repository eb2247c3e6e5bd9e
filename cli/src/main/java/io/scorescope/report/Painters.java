package io.scorescope.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Java2D drawings for figures XChart does not cover: image grids and manifold views. */
final class Painters {
    private static final int PANEL = 480, GAP = 12, TITLE_LINE = 19, CAPTION_LINE = 13;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15), CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color[] RAMP = {new Color(0x2166ac), new Color(0xf7f7f7), new Color(0xb2182b)};

    private Painters() {}

    /** Captions may hold several lines ('\n'); each line is shortened with an ellipsis to its cell's width. */
    static BufferedImage imageGrid(ImageGridFigure f) {
        int cw = 0, ch = 0, maxCaptionLines = 1;
        for (GrayImage g : f.images()) {
            int s = ImageRaster.displayScale(g);
            cw = Math.max(cw, g.width() * s);
            ch = Math.max(ch, g.height() * s);
            maxCaptionLines = Math.max(maxCaptionLines, captionLines(g).length);
        }
        cw = Math.max(cw, 110);
        int cols = Math.min(f.columns(), f.images().size()), rows = (f.images().size() + cols - 1) / cols;
        int width = cols * (cw + GAP) + GAP, cellHeight = ch + maxCaptionLines * CAPTION_LINE + 5 + GAP;
        List<String> title = titleLines(f.title(), width);
        int top = titleHeight(title);
        BufferedImage img = canvas(width, top + rows * cellHeight + GAP);
        Graphics2D g = graphics(img, title);
        g.setFont(CAPTION_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < f.images().size(); i++) {
            GrayImage gi = f.images().get(i);
            int x = GAP + (i % cols) * (cw + GAP), y = top + (i / cols) * cellHeight;
            g.drawImage(ImageRaster.toImage(gi, ImageRaster.displayScale(gi)), x, y, null);
            g.setColor(Color.DARK_GRAY);
            String[] lines = captionLines(gi);
            for (int l = 0; l < lines.length; l++) g.drawString(fit(lines[l], fm, cw), x, y + ch + 13 + l * CAPTION_LINE);
        }
        g.dispose();
        return img;
    }

    static BufferedImage manifold(ManifoldFigure f) {
        int n = f.views().size();
        List<String> title = titleLines(f.title(), n * PANEL);
        int top = titleHeight(title);
        BufferedImage img = canvas(n * PANEL, top + PANEL + 40);
        Graphics2D g = graphics(img, title);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : f.density()) if (Double.isFinite(d)) { lo = Math.min(lo, d); hi = Math.max(hi, d); }
        for (int v = 0; v < n; v++) {
            Projection p = Projection.of(f, f.views().get(v));
            double half = PANEL / 2.0 - 20, cx = v * PANEL + PANEL / 2.0, cy = top + PANEL / 2.0;
            double k = half / p.extent();
            for (double[] pt : p.points()) {
                g.setColor(alpha(ramp(hi > lo ? (pt[2] - lo) / (hi - lo) : 0), pt[3]));
                g.fillOval((int) Math.round(cx + k * pt[0]) - 3, (int) Math.round(cy - k * pt[1]) - 3, 6, 6);
            }
            g.setStroke(new BasicStroke(1.2f));
            for (double[] a : p.arrows()) {
                g.setColor(alpha(new Color(0x222222), a[4]));
                arrow(g, cx + k * a[0], cy - k * a[1], cx + k * a[2], cy - k * a[3]);
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(f.views().get(v).label(), (int) cx - 70, top + 14);
        }
        colorBar(g, img.getWidth(), top + PANEL + 8, f.colorLabel(), lo, hi);
        g.dispose();
        return img;
    }

    static BufferedImage message(String title, String text) {
        BufferedImage img = canvas(600, 200);
        Graphics2D g = graphics(img, titleLines(title, img.getWidth()));
        g.drawString(text, 20, 100);
        g.dispose();
        return img;
    }

    /** Colour at t in [0, 1] along blue - white - red. */
    static Color ramp(double t) {
        t = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
        int i = t < 0.5 ? 0 : 1;
        double u = t < 0.5 ? t * 2 : t * 2 - 1;
        Color a = RAMP[i], b = RAMP[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), u), mix(a.getGreen(), b.getGreen(), u), mix(a.getBlue(), b.getBlue(), u));
    }

    private static Color alpha(Color c, double nearness) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Projection.opacity(nearness)));
    }

    private static int mix(int a, int b, double u) { return (int) Math.round(a + (b - a) * u); }

    private static void arrow(Graphics2D g, double x0, double y0, double x1, double y1) {
        g.draw(new Line2D.Double(x0, y0, x1, y1));
        double len = Math.hypot(x1 - x0, y1 - y0);
        if (len < 1) return;
        double ux = (x1 - x0) / len, uy = (y1 - y0) / len, h = Math.min(6, len / 2);
        g.draw(new Line2D.Double(x1, y1, x1 - h * (ux - 0.5 * uy), y1 - h * (uy + 0.5 * ux)));
        g.draw(new Line2D.Double(x1, y1, x1 - h * (ux + 0.5 * uy), y1 - h * (uy - 0.5 * ux)));
    }

    private static void colorBar(Graphics2D g, int width, int y, String label, double lo, double hi) {
        int w = 240, x = (width - w) / 2;
        for (int i = 0; i < w; i++) {
            g.setColor(ramp(i / (double) (w - 1)));
            g.fillRect(x + i, y, 1, 12);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(label + " " + KeyNumber.format(lo), x - 10 - g.getFontMetrics().stringWidth(label + " " + KeyNumber.format(lo)), y + 11);
        g.drawString(KeyNumber.format(hi), x + w + 8, y + 11);
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    /** Antialiased graphics with the title's lines drawn at the top. */
    private static Graphics2D graphics(BufferedImage img, List<String> title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        for (int i = 0; i < title.size(); i++) g.drawString(title.get(i), GAP, 22 + i * TITLE_LINE);
        return g;
    }

    /** The title's lines on a canvas {@code canvasWidth} pixels wide (a margin of GAP on each side). */
    private static List<String> titleLines(String title, int canvasWidth) { return wrap(title, TITLE_FONT, canvasWidth - 2 * GAP); }

    private static String[] captionLines(GrayImage image) { return image.caption().split("\n", -1); }

    /** Height of the title block: 36 pixels for one line, one line height more for each further line. */
    static int titleHeight(List<String> title) { return 36 + (Math.max(1, title.size()) - 1) * TITLE_LINE; }

    /**
     * {@code text} broken at spaces into lines at most {@code width} pixels wide in {@code font}; a single word
     * wider than that is shortened with an ellipsis.
     */
    static List<String> wrap(String text, Font font, int width) {
        FontMetrics fm = metrics(font);
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.trim().split("\\s+")) {
            String joined = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && fm.stringWidth(joined) > width) {
                lines.add(line);
                line = word;
            } else {
                line = joined;
            }
        }
        lines.add(line);
        return lines.stream().map(l -> fit(l, fm, width)).toList();
    }

    /** {@code s} if it fits in {@code width} pixels, else its longest prefix that fits with an ellipsis appended. */
    static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) return s;
        int n = s.length();
        while (n > 0 && fm.stringWidth(s.substring(0, n) + "\u2026") > width) n--;
        return s.substring(0, n) + "\u2026";
    }

    static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
