package io.scorescope.report;

import io.scorescope.io.AtomicFiles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes each figure of a report as a static PNG, figures/&lt;id&gt;.png (headless AWT): plots with
 * XChart, image grids and manifold views with Java2D. Same data as the HTML report.
 */
public final class PngFigureWriter {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** Same palette as the HTML report. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f),
            new Color(0x393b79), new Color(0xaec7e8)};

    private PngFigureWriter() {}

    /** Writes outDir/figures/&lt;id&gt;.png for every figure, each atomically; returns the files. */
    public static List<Path> write(Report report, Path outDir) {
        Path dir = AtomicFiles.ensureWritableDir(outDir.resolve("figures"));
        List<Path> files = new ArrayList<>();
        for (Figure f : report.figures()) {
            Path file = dir.resolve(f.id() + ".png");
            writeOne(f, file);
            files.add(file);
        }
        return files;
    }

    /** Writes one figure to file (atomically). */
    public static void writeOne(Figure f, Path file) {
        byte[] png = ImageRaster.png(image(f));
        AtomicFiles.write(file, out -> out.write(png));
    }

    /** The figure as an image. */
    static BufferedImage image(Figure f) {
        if (f instanceof PlotFigure p) return plot(p);
        if (f instanceof ImageGridFigure g) return Painters.imageGrid(g);
        return Painters.manifold((ManifoldFigure) f);
    }

    private static BufferedImage plot(PlotFigure p) {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(p.title())
                .xAxisTitle(p.x().label()).yAxisTitle(p.y().label()).build();
        XYStyler st = chart.getStyler();
        st.setXAxisLogarithmic(p.x().log());
        st.setYAxisLogarithmic(p.y().log());
        st.setPlotGridLinesColor(new Color(0xeeeeee));
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        Set<String> names = new HashSet<>();
        int added = 0;
        for (int k = 0; k < p.series().size(); k++) {
            Series s = p.series().get(k);
            int[] keep = IntStream.range(0, s.x().length).filter(i -> FigureJson.drawable(p, s, i)).toArray();
            if (keep.length == 0) continue;
            Color color = PALETTE[k % PALETTE.length];
            XYSeries xs = chart.addSeries(unique(names, s.name()), pick(s.x(), keep), pick(s.y(), keep));
            xs.setLineColor(color);
            xs.setMarkerColor(color);
            if (s instanceof LineSeries l) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line)
                        .setMarker(keep.length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE)
                        .setLineStyle(l.dashed() ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
                if (l.hasBand()) band(chart, names, l, keep, color);
            } else {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.CIRCLE);
            }
            added++;
        }
        if (added == 0) return Painters.message(p.title(), "no drawable data");
        return org.knowm.xchart.BitmapEncoder.getBufferedImage(chart);
    }

    /** The band as a closed polygon: lower forwards, upper backwards. */
    private static void band(XYChart chart, Set<String> names, LineSeries l, int[] keep, Color color) {
        int n = keep.length;
        double[] px = new double[2 * n], py = new double[2 * n];
        for (int j = 0; j < n; j++) {
            px[j] = l.x()[keep[j]];
            py[j] = l.lower()[keep[j]];
            px[2 * n - 1 - j] = l.x()[keep[j]];
            py[2 * n - 1 - j] = l.upper()[keep[j]];
        }
        XYSeries b = chart.addSeries(unique(names, l.name() + " band"), px, py);
        b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        b.setMarker(SeriesMarkers.NONE);
        b.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
        b.setLineColor(new Color(0, 0, 0, 0));
        b.setShowInLegend(false);
    }

    private static double[] pick(double[] a, int[] idx) { return IntStream.of(idx).mapToDouble(i -> a[i]).toArray(); }

    private static String unique(Set<String> names, String name) {
        String n = name.isEmpty() ? "series" : name;
        for (int i = 2; !names.add(n); i++) n = name + " (" + i + ")";
        return n;
    }
}
