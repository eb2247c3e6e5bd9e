package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFigureWriterTest {
    @Test
    void writesOneNonBlankPngPerFigure(@TempDir Path dir) throws IOException {
        Report report = SampleReports.full();
        List<Path> files = PngFigureWriter.write(report, dir);
        assertEquals(report.figures().stream().map(f -> dir.resolve("figures").resolve(f.id() + ".png")).toList(), files);
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertTrue(img.getWidth() >= 300 && img.getHeight() >= 200, f + " too small");
            assertTrue(stdDev(img) > 15, f + ": luminance s.d. " + stdDev(img));
            assertTrue(colouredPixels(img, 60) > 200, f + ": only " + colouredPixels(img, 60) + " coloured pixels");
        }
    }

    @Test
    void seriesWithNothingDrawableStillGivesAnImage() {
        var fig = new PlotFigure("empty", "Nothing positive", Axis.log("x"), Axis.log("y"),
                List.of(LineSeries.solid("zeros", new double[] {0, 1}, new double[] {1, -1})));
        BufferedImage img = PngFigureWriter.image(fig);
        assertTrue(stdDev(img) > 0, "message drawn");
    }

    @Test
    void bandAndLogAxesDifferFromPlainPlot() {
        double[] x = SampleReports.geom(0.01, 1, 10), y = SampleReports.map(x, v -> v * v);
        var plain = new PlotFigure("p", "t", Axis.linear("x"), Axis.linear("y"), List.of(LineSeries.solid("a", x, y)));
        var banded = new PlotFigure("p", "t", Axis.log("x"), Axis.log("y"),
                List.of(LineSeries.band("a", x, y, SampleReports.map(y, v -> v / 2), SampleReports.map(y, v -> v * 2))));
        int withBand = colouredPixels(PngFigureWriter.image(banded), 20), without = colouredPixels(PngFigureWriter.image(plain), 20);
        assertTrue(withBand > 3 * without, "band fills an area: " + withBand + " vs " + without + " tinted pixels");
    }

    @Test
    void longTitlesWrapWithinTheImageAndCaptionsFitTheirCells() {
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 15);
        String title = "Local features of sequence 1: the right-singular vectors with the largest gains at 4 noise levels "
                + "(diverging colours, symmetric about 0)";
        List<String> lines = Painters.wrap(title, font, 300);
        java.awt.FontMetrics fm = Painters.metrics(font);
        assertTrue(lines.size() >= 3, "wrapped into " + lines);
        for (String l : lines) assertTrue(fm.stringWidth(l) <= 300, l + " is " + fm.stringWidth(l) + " px wide");
        assertEquals(title, String.join(" ", lines), "no word is lost or cut");
        assertEquals(List.of("short"), Painters.wrap("short", font, 300));

        String caption = "denoised, sigma=0.0376, and more";
        String fitted = Painters.fit(caption, fm, 110);
        assertTrue(fitted.endsWith("\u2026") && fm.stringWidth(fitted) <= 110 && caption.startsWith(fitted.substring(0, fitted.length() - 1)), fitted);
        assertEquals("x", Painters.fit("x", fm, 110));

        GrayImage one = new GrayImage("a", 8, 8, new double[64], GrayImage.Palette.GRAY);
        GrayImage twoLines = new GrayImage("a\nb", 8, 8, new double[64], GrayImage.Palette.GRAY);
        BufferedImage shortTitle = Painters.imageGrid(new ImageGridFigure("g", "t", 2, List.of(one, one)));
        BufferedImage longTitle = Painters.imageGrid(new ImageGridFigure("g", title, 2, List.of(one, one)));
        BufferedImage longCaption = Painters.imageGrid(new ImageGridFigure("g", "t", 2, List.of(one, twoLines)));
        assertEquals(shortTitle.getWidth(), longTitle.getWidth(), "the title wraps instead of widening the grid");
        int extraLines = Painters.wrap(title, font, shortTitle.getWidth() - 24).size() - 1;
        assertTrue(extraLines >= 1);
        assertEquals(shortTitle.getHeight() + extraLines * 19, longTitle.getHeight(), "one line height per extra title line");
        assertEquals(shortTitle.getHeight() + 13, longCaption.getHeight(), "one line height per extra caption line");
    }

    static double stdDev(BufferedImage img) {
        double sum = 0, sq = 0;
        int n = img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
                sum += l;
                sq += l * l;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    /** Pixels whose channels differ by more than minSpread: data, not (grey) text or axes. */
    static int colouredPixels(BufferedImage img, int minSpread) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y), r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > minSpread) n++;
            }
        }
        return n;
    }
}
