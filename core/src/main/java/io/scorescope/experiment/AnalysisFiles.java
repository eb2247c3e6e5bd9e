package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.io.Csv;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.sde.SampleSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-point analysis tables as CSV: one row per (sequence, level), every {@link PointAnalysis} column. */
public final class AnalysisFiles {
    private AnalysisFiles() {}

    /** sequence, level and the PointAnalysis columns for ambient dimension dim. */
    public static void write(Path file, AnalysisTable t, int dim) { write(file, t, dim, null, null); }

    /**
     * As {@link #write(Path, AnalysisTable, int)} with the point itself (x0 ... x_{D-1}) after the level when
     * {@code seq} is given: level j of the table is recorded step {@code steps[j]}.
     */
    public static void write(Path file, AnalysisTable t, int dim, SampleSequence seq, int[] steps) {
        List<String> head = new ArrayList<>(List.of("sequence", "level"));
        if (seq != null) for (int k = 0; k < dim; k++) head.add("x" + k);
        head.addAll(PointAnalysis.csvHeader(dim));
        List<List<String>> rows = new ArrayList<>();
        for (AnalysisTable.Row r : t.rows()) {
            List<String> cells = new ArrayList<>(List.of(Csv.integer(r.sequence()), Csv.integer(r.level())));
            if (seq != null) for (double v : seq.point(r.sequence(), steps[r.level()])) cells.add(Csv.number(v));
            cells.addAll(r.point().csvRow());
            rows.add(cells);
        }
        Csv.writeCells(file, head, rows);
    }

    /** spectra.csv: sequence, level, sigma and the singular values s_1 >= ... >= s_D of J. */
    public static void writeSpectra(Path file, AnalysisTable t, int dim) {
        List<String> head = new ArrayList<>(List.of("sequence", "level", "sigma"));
        for (int k = 1; k <= dim; k++) head.add("s_" + k);
        List<List<String>> rows = new ArrayList<>();
        for (AnalysisTable.Row r : t.rows()) {
            List<String> cells = new ArrayList<>(List.of(Csv.integer(r.sequence()), Csv.integer(r.level()), Csv.number(r.sigma())));
            for (double v : r.point().features().singularValues()) cells.add(Csv.number(v));
            rows.add(cells);
        }
        Csv.writeCells(file, head, rows);
    }

    /** A reproduction's tables: tables/analysis.csv (model), analysis_exact.csv (if any) and analysis_control.csv. */
    public static void writeAll(Experiment.Result r) {
        Path tables = r.settings().out().resolve("tables");
        int dim = r.kind().data().dim();
        write(tables.resolve("analysis.csv"), r.analyses().model(), dim);
        r.analyses().exact().ifPresent(t -> write(tables.resolve("analysis_exact.csv"), t, dim));
        write(tables.resolve("analysis_control.csv"), r.analyses().control(), dim);
    }

    /**
     * An {@code analyze} folder: analysis.csv (with the points), spectra.csv, verdicts.json (the per-table claims by
     * key) and provenance.json (with every definition).
     */
    public static void writeFolder(Path out, AnalysisTable table, SampleSequence seq, int[] steps, Map<Claim, Verdict> verdicts,
                                   Provenance provenance) {
        write(out.resolve("analysis.csv"), table, seq.dim(), seq, steps);
        writeSpectra(out.resolve("spectra.csv"), table, seq.dim());
        ObjectNode summary = Json.object();
        verdicts.values().forEach(v -> summary.set(v.claim().key(), v.toJson()));
        Json.write(out.resolve("verdicts.json"), summary);
        Json.write(out.resolve("provenance.json"), Definitions.define(provenance, Definitions.all()).toJson());
    }
}
