package io.scorescope.report;

import io.scorescope.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: tables of a report into tables/&lt;section id&gt;.csv, written atomically. */
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

    public static void write(Path file, Table t) {
        StringBuilder b = new StringBuilder();
        line(b, t.header());
        t.rows().forEach(r -> line(b, r));
        AtomicFiles.writeString(file, b.toString());
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            b.append(cell(cells.get(i)));
        }
        b.append("\r\n");
    }

    /** Quotes a cell when it holds a comma, quote, or line break; doubles inner quotes. */
    static String cell(String s) {
        String v = s == null ? "" : s;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
