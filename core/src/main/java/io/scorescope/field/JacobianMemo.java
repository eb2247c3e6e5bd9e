package io.scorescope.field;

import io.scorescope.math.Mat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A field that remembers the Jacobians it has computed, keyed by (point, sigma) exactly (bitwise), so that analyses
 * of the same points with the same network (the model in two frames, the control as a model and as the frame of the
 * model) compute each Jacobian once. Everything else is delegated. The memory held is n D^2 doubles for n distinct
 * points; drop the memo when the stage that shares it ends.
 */
public final class JacobianMemo implements ScoreField {
    private final ScoreField field;
    private final Map<Key, Mat> memo = new HashMap<>();

    public JacobianMemo(ScoreField field) { this.field = field; }

    private record Key(long sigmaBits, List<Double> point) {
        static Key of(double[] row, double sigma) {
            return new Key(Double.doubleToLongBits(sigma), Arrays.stream(row).boxed().toList());
        }
    }

    @Override public int dim() { return field.dim(); }

    @Override public Mat score(Mat x, double[] sigma) { return field.score(x, sigma); }

    /** Copies of the remembered Jacobians; the missing rows are computed in one batched call of the wrapped field. */
    @Override public synchronized Mat[] jacobian(Mat x, double[] sigma) {
        Mat[] out = new Mat[x.rows()];
        List<Integer> missing = new ArrayList<>();
        Key[] keys = new Key[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            keys[i] = Key.of(x.row(i), sigma[i]);
            if (!memo.containsKey(keys[i])) missing.add(i);
        }
        if (!missing.isEmpty()) {
            Mat sub = new Mat(missing.size(), x.cols());
            double[] s = new double[missing.size()];
            for (int k = 0; k < missing.size(); k++) {
                sub.setRow(k, x.row(missing.get(k)));
                s[k] = sigma[missing.get(k)];
            }
            Mat[] fresh = field.jacobian(sub, s);
            for (int k = 0; k < missing.size(); k++) memo.put(keys[missing.get(k)], fresh[k]);
        }
        for (int i = 0; i < out.length; i++) out[i] = memo.get(keys[i]).copy();   // callers may change what they get
        return out;
    }

    /** Number of Jacobians held. */
    public synchronized int size() { return memo.size(); }

    @Override public Mat jvp(Mat x, double[] sigma, Mat v) { return field.jvp(x, sigma, v); }

    @Override public Mat vjp(Mat x, double[] sigma, Mat u) { return field.vjp(x, sigma, u); }

    @Override public Mat denoise(Mat x, double[] sigma) { return field.denoise(x, sigma); }

    @Override public String describe() { return field.describe(); }
}
