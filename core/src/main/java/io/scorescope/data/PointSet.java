package io.scorescope.data;

import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import io.scorescope.io.Npy;
import io.scorescope.math.Mat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * User point data: a table of n points in R^D (one per row) from a {@code .csv} file (see {@link Csv}) or a
 * 2-D {@code .npy} array (see {@link Npy}). Requires n >= 2, D >= 1 and finite values; anything else is an
 * {@link InputException} naming the file and the problem.
 */
public final class PointSet {
    private PointSet() {}

    /** The points of file as an n x D matrix, chosen by extension (.csv or .npy). */
    public static Mat load(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Mat points;
        if (name.endsWith(".csv")) {
            points = Csv.readMatrix(file);
        } else if (name.endsWith(".npy")) {
            Npy.NpyArray a = Npy.read(file);
            if (a.rank() != 2)
                throw new InputException(file + ": expected a 2-D array (points x dimensions), got shape " + Arrays.toString(a.shape()));
            points = a.toMat();
        } else {
            throw new InputException(file + ": unsupported point file type; expected a .csv or .npy file");
        }
        return check(points, file.toString());
    }

    /** Checks a point matrix (n >= 2 rows, D >= 1 columns, all finite), naming source in the message. */
    public static Mat check(Mat points, String source) {
        if (points.cols() < 1) throw new InputException(source + ": points have no coordinates (0 columns)");
        if (points.rows() < 2) throw new InputException(source + ": need at least 2 points, found " + points.rows());
        double[] v = points.data();
        for (int k = 0; k < v.length; k++)
            if (!Double.isFinite(v[k]))
                throw new InputException(source + ": row " + (k / points.cols() + 1) + ", column " + (k % points.cols() + 1) + " is " + v[k] + " (values must be finite)");
        return points;
    }
}
