package io.scorescope.report;

import java.nio.file.Path;

/** Writes every artifact of a report: report.html, figures/*.png and tables/*.csv. */
public final class ReportFiles {
    private ReportFiles() {}

    /** @return the path of report.html */
    public static Path writeAll(Report report, Path outDir) {
        PngFigureWriter.write(report, outDir);
        CsvWriter.writeTables(report, outDir);
        return HtmlReportWriter.write(report, outDir);
    }
}
