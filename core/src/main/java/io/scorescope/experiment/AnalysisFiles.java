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
        List<List<String>> rows = new ArrayList<>();
        for (AnalysisTable.Row r : t.rows())
            rows.add(row(r.sequence(), r.level(), seq == null ? null : seq.point(r.sequence(), steps[r.level()]), r.point()));
        Csv.writeCells(file, header(dim, seq != null), rows);
    }

    /** spectra.csv: sequence, level, sigma and the singular values s_1 >= ... >= s_D of J. */
    public static void writeSpectra(Path file, AnalysisTable t, int dim) {
        List<List<String>> rows = new ArrayList<>();
        for (AnalysisTable.Row r : t.rows()) rows.add(spectraRow(r.sequence(), r.level(), r.sigma(), r.point()));
        Csv.writeCells(file, spectraHeader(dim), rows);
    }

    /** The analysis.csv header: sequence, level, (x0 ... x_{D-1} when {@code withPoints}), the PointAnalysis columns. */
    public static List<String> header(int dim, boolean withPoints) {
        List<String> head = new ArrayList<>(List.of("sequence", "level"));
        if (withPoints) for (int k = 0; k < dim; k++) head.add("x" + k);
        head.addAll(PointAnalysis.csvHeader(dim));
        return head;
    }

    /** One analysis.csv row; {@code x} (the point) may be null for a table without points. */
    public static List<String> row(int sequence, int level, double[] x, PointAnalysis p) {
        List<String> cells = new ArrayList<>(List.of(Csv.integer(sequence), Csv.integer(level)));
        if (x != null) for (double v : x) cells.add(Csv.number(v));
        cells.addAll(p.csvRow());
        return cells;
    }

    /** The spectra.csv header: sequence, level, sigma, s_1 ... s_D. */
    public static List<String> spectraHeader(int dim) {
        List<String> head = new ArrayList<>(List.of("sequence", "level", "sigma"));
        for (int k = 1; k <= dim; k++) head.add("s_" + k);
        return head;
    }

    /** One spectra.csv row. */
    public static List<String> spectraRow(int sequence, int level, double sigma, PointAnalysis p) {
        List<String> cells = new ArrayList<>(List.of(Csv.integer(sequence), Csv.integer(level), Csv.number(sigma)));
        for (double v : p.features().singularValues()) cells.add(Csv.number(v));
        return cells;
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
