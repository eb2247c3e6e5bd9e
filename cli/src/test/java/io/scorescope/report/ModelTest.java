package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void duplicateIdsAcrossSectionsAndFiguresAreRejected() {
        Section a = SampleReports.dimension();
        var clash = new Section("dim-vs-sigma", "clash", "A9", Badge.notEvaluated("r"), "", List.of(), List.of(), null, List.of());
        var e = assertThrows(IllegalArgumentException.class, () -> new Report("t", "", null, List.of(a, clash)));
        assertTrue(e.getMessage().contains("dim-vs-sigma"), e.getMessage());
    }

    @Test
    void idsMustBeFileAndHtmlSafe() {
        assertThrows(IllegalArgumentException.class, () -> Checks.id("../x"));
        assertThrows(IllegalArgumentException.class, () -> Checks.id("a b"));
        assertEquals("a2-dim_1", Checks.id("a2-dim_1"));
    }

    @Test
    void seriesLengthsAndBandsAreChecked() {
        double[] x = {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> LineSeries.solid("s", x, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new LineSeries("s", x, x, false, x, null));
        assertThrows(IllegalArgumentException.class, () -> new ScatterSeries("s", x, new double[4]));
        assertThrows(IllegalArgumentException.class, () -> new GrayImage("c", 2, 2, new double[3], GrayImage.Palette.GRAY));
    }

    @Test
    void arraysAreCopied() {
        double[] x = {1, 2}, y = {3, 4};
        LineSeries s = LineSeries.solid("s", x, y);
        y[0] = 99;
        assertEquals(3, s.y()[0]);
    }

    @Test
    void verdictLabelsAndNumberFormat() {
        assertEquals("holds", Badge.holds("r").label());
        assertEquals("does not hold", Badge.fails("r").label());
        assertEquals("not evaluated", Badge.notEvaluated("r").label());
        assertEquals("64", KeyNumber.format(64));
        assertEquals("0.1235", KeyNumber.format(0.123456));
        assertEquals("1.500e-05", KeyNumber.format(1.5e-5));
        assertEquals("\u2014", KeyNumber.format(Double.NaN));
    }

    @Test
    void projectionKeepsPointsInsideExtentAndOrdersFarToNear() {
        var fig = SampleReports.figureOne().figures().get(0);
        Projection p = Projection.of((ManifoldFigure) fig, new ManifoldFigure.View(30, 20));
        double prev = -1;
        for (double[] pt : p.points()) {
            assertTrue(Math.abs(pt[0]) <= p.extent() && Math.abs(pt[1]) <= p.extent());
            assertTrue(pt[3] >= prev, "sorted far to near");
            prev = pt[3];
        }
        assertEquals(1.0, prev, 1e-12);
    }

    @Test
    void viewRotationIsOrthonormal() {
        double[] a = Projection.screen(new double[] {0.3, -0.5, 0.8}, 0.7, -0.4);
        assertEquals(0.3 * 0.3 + 0.25 + 0.64, a[0] * a[0] + a[1] * a[1] + a[2] * a[2], 1e-12);
    }
}
