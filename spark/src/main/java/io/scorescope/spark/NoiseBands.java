package io.scorescope.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.experiment.Verdict;
import io.scorescope.experiment.Verdicts;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.io.Json;
import java.util.List;

/**
 * Where along the noise path the asymmetry lives: A3's numbers (median r_TT, tangent share and its random baseline,
 * the median excess over the baseline, ||A||/||J||) over the analysed points of each noise band, in the reference
 * frame, computed with the A3 rule's own medians ({@link Verdicts#a3}). Bands are in units of the data's noise unit
 * u (the factor that scales A3's small-sigma cut): low sigma <= 0.1 u (the rows the A3 verdict judges), mid 0.1 u
 * < sigma <= 0.5 u, high sigma > 0.5 u. Informative only: the verdict rule does not change.
 */
public final class NoiseBands {
    public static final String[] BANDS = {"low", "mid", "high"};
    public static final double LOW = 0.1, HIGH = 0.5;
    /** Verdict number -> atlas name. */
    static final String[][] NUMBERS = {{"median_r_tt", "r_tt_median"}, {"median_tangent_share", "tangent_share_median"},
            {"median_tangent_share_baseline", "tangent_share_baseline_median"}, {"median_tangent_share_excess", "tangent_share_excess_median"},
            {"median_rel_asym", "rel_asym_median"}, {"points", "points"}};

    private NoiseBands() {}

    /** {"low": {...}, "mid": {...}, "high": {...}}; undefined medians (no points in a band) are null. */
    public static ObjectNode a3(List<AnalysisTable.Row> rows, double unit) {
        ObjectNode o = Json.object();
        for (String band : BANDS) {
            List<AnalysisTable.Row> in = rows.stream().filter(r -> band(r.sigma() / unit).equals(band)).toList();
            Verdict v = Verdicts.a3(in, LOW * unit, Verdicts.Frame.REFERENCE);
            ObjectNode b = o.putObject(band);
            for (String[] n : NUMBERS) Json.putFinite(b, n[1], v.numbers().getOrDefault(n[0], Double.NaN));
        }
        return o;
    }

    /** The band of sigma / u. */
    public static String band(double scaled) { return scaled <= LOW ? "low" : scaled <= HIGH ? "mid" : "high"; }
}
