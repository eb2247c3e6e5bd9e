package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @Test
    void writesOneFilePerSectionTable(@TempDir Path dir) throws IOException {
        List<Path> files = CsvWriter.writeTables(SampleReports.full(), dir);
        assertEquals(List.of(dir.resolve("tables/a2-dimension.csv")), files);
        List<String> lines = Files.readAllLines(files.get(0));
        assertEquals("sigma,dim,note", lines.get(0));
        assertEquals("0.01,2,\"a, \"\"quoted\"\" cell\"", lines.get(1));
        assertEquals(3, lines.size());
    }
}
