package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.ScoreField;
import io.scorescope.geometry.PointAnalyzer;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis of one point of any field ({@code analyze --field SPEC --at X --sigma S}): every per-point quantity
 * of J at (x, sigma), in the frame of the named coordinate axes when given, else the true frame of a manifold field,
 * else the learned frame.
 */
public final class PointQuery {
    private PointQuery() {}

    /** The JSON of the analysis; {@code tangent} names axes e1..eD (null: see above). */
    public static ObjectNode analyze(ScoreField field, String fieldSpec, double[] at, double sigma, Mat jacobian, List<String> tangent) {
        PointAnalyzer a = PointAnalyzer.of(jacobian, sigma);
        if (tangent != null) a.trueTangent(axes(tangent, field.dim()));
        else if (field instanceof ManifoldField mf) a.trueTangent(mf.manifold().tangentBasis(at));
        ObjectNode out = a.analyze().toJson();
        if (tangent != null) promoteTrueFrame(out);
        return out.put("field", field.describe()).put("tangent", tangent != null ? "axes " + String.join(",", tangent) : "learned");
    }

    /** Checks a query point against the field before any work. */
    public static void check(ScoreField field, String fieldSpec, double[] at, double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new InputException("--sigma must be positive, got " + sigma);
        if (at.length != field.dim())
            throw new InputException("--at has " + at.length + " coordinates, the field '" + fieldSpec + "' has dimension " + field.dim());
        for (double v : at) if (!Double.isFinite(v)) throw new InputException("--at must be finite numbers");
    }

    /** With named axes the axes are the tangent space: the frame keys take their "_true" values. */
    private static void promoteTrueFrame(ObjectNode o) {
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) if (k.endsWith("_true")) o.set(k.substring(0, k.length() - 5), o.get(k));
    }

    /** The D x k frame of axes named e1..eD. */
    public static Mat axes(List<String> names, int dim) {
        Mat t = new Mat(dim, names.size());
        boolean[] seen = new boolean[dim];
        for (int j = 0; j < names.size(); j++) {
            String s = names.get(j).trim();
            int i;
            try {
                i = s.startsWith("e") ? Integer.parseInt(s.substring(1)) : -1;
            } catch (NumberFormatException e) {
                i = -1;
            }
            if (i < 1 || i > dim) throw new InputException("--tangent: '" + s + "' is not an axis e1..e" + dim);
            if (seen[i - 1]) throw new InputException("--tangent names axis " + s + " twice");
            seen[i - 1] = true;
            t.set(i - 1, j, 1);
        }
        return t;
    }
}
