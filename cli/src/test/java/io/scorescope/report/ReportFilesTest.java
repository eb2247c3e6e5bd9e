package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    @Test
    void writesHtmlFiguresAndTablesAndNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path html = ReportFiles.writeAll(SampleReports.full(), dir);
        assertEquals(dir.resolve("report.html"), html);
        try (Stream<Path> all = Files.walk(dir)) {
            var names = all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
            assertEquals(java.util.List.of("figures/asym.png", "figures/dim-vs-sigma.png", "figures/features-grid.png",
                    "figures/figure1.png", "report.html", "tables/a2-dimension.csv"), names);
        }
        long size = Files.size(html);
        assertTrue(size > 1_000_000 && size < 3_000_000, "report.html is " + size + " bytes (ECharts is ~1 MB)");
    }
}
