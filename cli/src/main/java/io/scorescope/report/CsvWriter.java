package io.scorescope.report;

import io.scorescope.io.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tables of a report as tables/&lt;section id&gt;.csv, written by the one CSV writer ({@link Csv#writeCells}). */
public final class CsvWriter {
    private CsvWriter() {}

    /** Writes one CSV per section that has a table; returns the files. */
    public static List<Path> writeTables(Report report, Path outDir) {
        List<Path> files = new ArrayList<>();
        for (Section s : report.sections()) {
            if (s.table() == null) continue;
            Path file = outDir.resolve("tables").resolve(s.id() + ".csv");
            write(file, s.table());
            files.add(file);
        }
        return files;
    }

    public static void write(Path file, Table t) { Csv.writeCells(file, t.header(), t.rows()); }
}
