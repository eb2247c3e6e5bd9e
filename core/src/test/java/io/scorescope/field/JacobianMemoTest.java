package io.scorescope.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memo computes each (point, sigma) Jacobian once, returns what the field returns, and hands out copies. */
class JacobianMemoTest {
    @Test
    void eachPointAndLevelIsComputedOnceAndCallersGetCopies() {
        GaussianField inner = GaussianField.diagonal(1, 0.3);
        List<Integer> batchSizes = new ArrayList<>();
        ScoreField counting = new ScoreField() {
            @Override public int dim() { return 2; }
            @Override public Mat score(Mat x, double[] sigma) { return inner.score(x, sigma); }
            @Override public Mat[] jacobian(Mat x, double[] sigma) { batchSizes.add(x.rows()); return inner.jacobian(x, sigma); }
            @Override public String describe() { return "counting"; }
        };
        JacobianMemo memo = new JacobianMemo(counting);
        Mat x = new Rng(2).gaussian(4, 2);
        Mat[] first = memo.jacobian(x, 0.5);
        Mat[] again = memo.jacobian(x.rows(1, 4), 0.5);        // all remembered
        Mat[] other = memo.jacobian(x.rows(0, 2), 0.25);       // a new level: computed
        assertEquals(List.of(4, 2), batchSizes);
        assertEquals(6, memo.size());
        Mat[] direct = inner.jacobian(x, 0.5);
        for (int i = 0; i < 4; i++) assertArrayEquals(direct[i].data(), first[i].data(), 0);
        for (int i = 0; i < 3; i++) assertArrayEquals(direct[i + 1].data(), again[i].data(), 0);
        assertArrayEquals(inner.jacobian(x.rows(0, 2), 0.25)[1].data(), other[1].data(), 0);
        first[0].set(0, 0, 1e9);                               // a caller changing its copy
        assertArrayEquals(direct[0].data(), memo.jacobian(x.rows(0, 1), 0.5)[0].data(), 0);
    }
}
