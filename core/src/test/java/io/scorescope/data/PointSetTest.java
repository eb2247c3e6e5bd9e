package io.scorescope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import io.scorescope.io.Npy;
import io.scorescope.math.Mat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointSetTest {
    @TempDir Path dir;

    String error(Path p) {
        String m = assertThrows(InputException.class, () -> PointSet.load(p)).getMessage();
        assertTrue(m.contains(p.getFileName().toString()) && !m.contains("\n"), m);
        return m;
    }

    @Test
    void loadsCsvAndNpy() throws IOException {
        Mat expected = Mat.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(expected, PointSet.load(Files.writeString(dir.resolve("p.CSV"), "x,y,z\n1,2,3\n4,5,6\n")));
        Npy.write(dir.resolve("p.npy"), expected);
        assertEquals(expected, PointSet.load(dir.resolve("p.npy")));
    }

    @Test
    void rejectsWhatIsNotAPointSet() throws IOException {
        Npy.write(dir.resolve("v.npy"), new double[] {1, 2, 3}, 3);
        assertTrue(error(dir.resolve("v.npy")).contains("expected a 2-D array"));
        Npy.write(dir.resolve("c.npy"), new double[8], 2, 2, 2);
        assertTrue(error(dir.resolve("c.npy")).contains("shape [2, 2, 2]"));
        Npy.write(dir.resolve("one.npy"), new double[] {1, 2}, 1, 2);
        assertTrue(error(dir.resolve("one.npy")).contains("at least 2 points, found 1"));
        Npy.write(dir.resolve("z.npy"), new double[0], 3, 0);
        assertTrue(error(dir.resolve("z.npy")).contains("0 columns"));
        Npy.write(dir.resolve("nan.npy"), new double[] {1, 2, 3, Double.NaN}, 2, 2);
        assertTrue(error(dir.resolve("nan.npy")).contains("row 2, column 2 is NaN"));
        assertTrue(error(Files.writeString(dir.resolve("p.txt"), "1,2\n3,4\n")).contains("expected a .csv or .npy"));
        assertTrue(error(Files.writeString(dir.resolve("r.csv"), "1,2\n3\n")).contains("line 2"));
        assertTrue(error(dir.resolve("missing.csv")).startsWith("missing file"));
    }
}
