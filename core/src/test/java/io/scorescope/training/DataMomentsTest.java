package io.scorescope.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataMomentsTest {
    @Test
    void momentsAreTheEmpiricalMeanAndCovarianceRoundedToFloat32() {
        Mat x = Mat.of(new double[][] {{1, 2}, {3, 2}, {2, 5}});
        DataMoments m = DataMoments.of(x);
        assertArrayEquals(new double[] {2, 3}, m.mean(), 0);
        // (1/n) sum (x - mu)(x - mu)^T: var x1 = (1 + 1 + 0)/3, var x2 = (1 + 1 + 4)/3, cov = (1 + -1 + 0)/3 = 0
        assertArrayEquals(new double[] {(float) (2.0 / 3), 0, 0, 2}, m.covariance().data(), 0);
        assertEquals(3, m.n());
        assertEquals("computed", m.origin());
    }

    @Test
    void storedMomentsReadBackBitIdenticalAndBelongToTheirData(@TempDir Path dir) {
        Mat x = new Rng(1).gaussian(50, 6);
        DataMoments m = DataMoments.of(x);
        var data = Json.object().put("kind", "images").put("spec", "digits");
        m.write(dir, data);
        DataMoments back = DataMoments.read(dir, 6, data).orElseThrow();
        assertEquals("stored", back.origin());
        assertArrayEquals(m.mean(), back.mean(), 0);
        assertArrayEquals(m.covariance().data(), back.covariance().data(), 0);
        assertEquals(50, back.n());
        assertTrue(DataMoments.read(dir.resolve("elsewhere"), 6, data).isEmpty(), "no file: nothing stored");
        assertThrows(InputException.class, () -> DataMoments.read(dir, 7, data), "another dimension");
        assertThrows(InputException.class, () -> DataMoments.read(dir, 6, Json.object().put("kind", "images").put("spec", "mnist")),
                "another data set");
    }
}
