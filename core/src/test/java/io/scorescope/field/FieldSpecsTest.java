package io.scorescope.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FieldSpecsTest {
    String error(String spec) {
        String m = assertThrows(InputException.class, () -> FieldSpecs.parse(spec)).getMessage();
        assertTrue(!m.contains("\n"), m);
        return m;
    }

    @Test
    void parsesGaussianAndRotatingGaussian() {
        GaussianField g = assertInstanceOf(GaussianField.class, FieldSpecs.parse("gaussian:1,0.5, 2e-1"));
        assertArrayEquals(new double[] {-1, -2 / 0.5 / 2 * 0.5 * 2, -5}, g.score(new double[] {1, 1, 1}, 1e-150), 1e-12);
        RotatingGaussianField r = assertInstanceOf(RotatingGaussianField.class, FieldSpecs.parse("rotating-gaussian:1,1,1:-0.25"));
        assertEquals(-0.25, r.omega(), 0);
        assertEquals(3, r.dim());
    }

    @Test
    void parsesMixturesWithIsotropicOrDiagonalVariances() {
        GaussianMixtureField m = assertInstanceOf(GaussianMixtureField.class, FieldSpecs.parse("mixture:1@-2,0@0.25/3@2,1@0.5,0.1"));
        assertEquals(2, m.size());
        assertEquals(0.25, m.weight(0), 1e-15);
        assertEquals(Mat.diag(0.25, 0.25), m.component(0).covariance());
        assertEquals(Mat.diag(0.5, 0.1), m.component(1).covariance());
        assertArrayEquals(new double[] {2, 1}, m.component(1).mean());
    }

    @Test
    void rejectsBadSpecsWithOneClearLine() {
        String unknown = error("xyz:1");
        assertTrue(unknown.startsWith("unknown field spec 'xyz:1'; expected one of gaussian:"), unknown);
        assertTrue(unknown.contains("rotating-gaussian:") && unknown.contains("mixture:"), unknown);
        assertTrue(error("gaussian:1,-2").contains("variance must be positive, got -2"));
        assertTrue(error("gaussian:1,0").contains("variance must be positive"));
        assertTrue(error("gaussian:1,x").contains("variance 'x' is not a number"));
        assertTrue(error("gaussian:NaN").contains("'NaN' is not a number"));
        assertTrue(error("gaussian:1e999").contains("not finite"));
        assertTrue(error("gaussian:").contains("missing variance"));
        assertTrue(error("gaussian:1,,2").contains("'' is not a number"));
        assertTrue(error("rotating-gaussian:1,1").contains("expected rotating-gaussian:V1,...,VD:OMEGA"));
        assertTrue(error("rotating-gaussian:1,1:w").contains("rotation rate 'w'"));
        assertTrue(error("rotating-gaussian:1:2").contains("at least 2 variances"));
        assertTrue(error("mixture:1@0,0").contains("is not WEIGHT@MEAN@VARIANCE(S)"));
        assertTrue(error("mixture:0@0@1").contains("weight must be positive"));
        assertTrue(error("mixture:1@0,0@1/1@0@1").contains("has dimension 1, the first has 2"));
        assertTrue(error("mixture:1@0,0,0@1,2").contains("needs 1 or 3 variances, got 2"));
        assertTrue(error("").startsWith("empty field spec"));
    }

    @Test
    void extraPrefixesAreRegisteredByTheCaller() {
        ScoreField marker = GaussianField.diagonal(1);
        String[] seen = new String[1];
        Map<String, Function<String, ScoreField>> extra = Map.of("manifold", rest -> { seen[0] = rest; return marker; });
        assertSame(marker, FieldSpecs.parse("manifold:sphere:x", extra));
        assertEquals("sphere:x", seen[0]);
        String m = assertThrows(InputException.class, () -> FieldSpecs.parse("model:dir", extra)).getMessage();
        assertTrue(m.contains("manifold:..."), m);
    }
}
