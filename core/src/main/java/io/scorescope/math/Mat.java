package io.scorescope.math;

import java.util.Arrays;

/**
 * A dense real matrix in row-major order; a batch of points is a {@code Mat} with one point per row.
 * Plain Java so that the domain code reads as mathematics and never touches native memory.
 * Operations return new matrices unless the name says otherwise.
 */
public final class Mat {
    private final int rows;
    private final int cols;
    private final double[] data;

    /** Wraps {@code data} (row-major, length rows*cols) without copying. */
    public Mat(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        if (data.length != (long) rows * cols)
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + "x" + cols);
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public Mat(int rows, int cols) { this(rows, cols, new double[Math.multiplyExact(rows, cols)]); }

    public static Mat of(double[][] a) {
        int r = a.length, c = r == 0 ? 0 : a[0].length;
        Mat m = new Mat(r, c);
        for (int i = 0; i < r; i++) {
            if (a[i].length != c) throw new IllegalArgumentException("ragged rows");
            System.arraycopy(a[i], 0, m.data, i * c, c);
        }
        return m;
    }

    /** A 1 x n matrix holding one point. */
    public static Mat row(double... v) { return new Mat(1, v.length, v.clone()); }

    /** An n x 1 matrix. */
    public static Mat column(double... v) { return new Mat(v.length, 1, v.clone()); }

    public static Mat identity(int n) {
        Mat m = new Mat(n, n);
        for (int i = 0; i < n; i++) m.data[i * n + i] = 1;
        return m;
    }

    public static Mat diag(double... d) {
        Mat m = new Mat(d.length, d.length);
        for (int i = 0; i < d.length; i++) m.data[i * d.length + i] = d[i];
        return m;
    }

    /** n copies of the row vector v. */
    public static Mat repeatRow(double[] v, int n) {
        Mat m = new Mat(n, v.length);
        for (int i = 0; i < n; i++) System.arraycopy(v, 0, m.data, i * v.length, v.length);
        return m;
    }

    /** Rows stacked into one matrix. */
    public static Mat stackRows(double[][] rowsArr, int cols) {
        Mat m = new Mat(rowsArr.length, cols);
        for (int i = 0; i < rowsArr.length; i++) System.arraycopy(rowsArr[i], 0, m.data, i * cols, cols);
        return m;
    }

    public int rows() { return rows; }
    public int cols() { return cols; }
    /** The backing row-major array (not a copy). */
    public double[] data() { return data; }

    public double get(int i, int j) { return data[i * cols + j]; }
    public void set(int i, int j, double v) { data[i * cols + j] = v; }
    public void add(int i, int j, double v) { data[i * cols + j] += v; }

    /** A copy of row i. */
    public double[] row(int i) { return Arrays.copyOfRange(data, i * cols, (i + 1) * cols); }
    public void setRow(int i, double[] v) { System.arraycopy(v, 0, data, i * cols, cols); }
    /** A copy of column j. */
    public double[] col(int j) {
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) c[i] = data[i * cols + j];
        return c;
    }
    public void setCol(int j, double[] v) { for (int i = 0; i < rows; i++) data[i * cols + j] = v[i]; }

    /** Rows [from, to). */
    public Mat rows(int from, int to) {
        return new Mat(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
    }
    /** Columns [from, to). */
    public Mat cols(int from, int to) {
        Mat m = new Mat(rows, to - from);
        for (int i = 0; i < rows; i++) System.arraycopy(data, i * cols + from, m.data, i * m.cols, to - from);
        return m;
    }

    public Mat copy() { return new Mat(rows, cols, data.clone()); }

    public Mat transpose() {
        Mat t = new Mat(cols, rows);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t.data[j * rows + i] = data[i * cols + j];
        return t;
    }

    /** this * b. */
    public Mat times(Mat b) {
        if (cols != b.rows) throw new IllegalArgumentException("shape " + shape() + " * " + b.shape());
        Mat c = new Mat(rows, b.cols);
        for (int i = 0; i < rows; i++) {
            int ci = i * b.cols;
            for (int k = 0; k < cols; k++) {
                double a = data[i * cols + k];
                if (a == 0) continue;
                int bk = k * b.cols;
                for (int j = 0; j < b.cols; j++) c.data[ci + j] += a * b.data[bk + j];
            }
        }
        return c;
    }

    /** this * v. */
    public double[] times(double[] v) {
        if (cols != v.length) throw new IllegalArgumentException("shape " + shape() + " * vector " + v.length);
        double[] r = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) s += data[i * cols + j] * v[j];
            r[i] = s;
        }
        return r;
    }

    public Mat scale(double a) {
        Mat m = new Mat(rows, cols);
        for (int i = 0; i < data.length; i++) m.data[i] = a * data[i];
        return m;
    }

    public Mat plus(Mat b) { checkSame(b); Mat m = copy(); for (int i = 0; i < data.length; i++) m.data[i] += b.data[i]; return m; }
    public Mat minus(Mat b) { checkSame(b); Mat m = copy(); for (int i = 0; i < data.length; i++) m.data[i] -= b.data[i]; return m; }
    /** this + a * b. */
    public Mat plusScaled(double a, Mat b) { checkSame(b); Mat m = copy(); for (int i = 0; i < data.length; i++) m.data[i] += a * b.data[i]; return m; }

    /** S = (M + M^T)/2. */
    public Mat symmetricPart() { return plus(transpose()).scale(0.5); }
    /** A = (M - M^T)/2. */
    public Mat antisymmetricPart() { return minus(transpose()).scale(0.5); }

    /** ||M||_F. */
    public double frobenius() { double s = 0; for (double v : data) s += v * v; return Math.sqrt(s); }
    /** ||M||_F^2. */
    public double frobenius2() { double s = 0; for (double v : data) s += v * v; return s; }
    public double trace() { double s = 0; for (int i = 0; i < Math.min(rows, cols); i++) s += data[i * cols + i]; return s; }
    public double maxAbs() { double s = 0; for (double v : data) s = Math.max(s, Math.abs(v)); return s; }

    /** P = Q Q^T for a matrix Q with orthonormal columns (the orthogonal projector onto its span). */
    public static Mat projector(Mat q) { return q.times(q.transpose()); }

    /** u v^T. */
    public static Mat outer(double[] u, double[] v) {
        Mat m = new Mat(u.length, v.length);
        for (int i = 0; i < u.length; i++) for (int j = 0; j < v.length; j++) m.data[i * v.length + j] = u[i] * v[j];
        return m;
    }

    public boolean isFinite() { for (double v : data) if (!Double.isFinite(v)) return false; return true; }

    public String shape() { return rows + "x" + cols; }

    private void checkSame(Mat b) {
        if (rows != b.rows || cols != b.cols) throw new IllegalArgumentException("shape " + shape() + " vs " + b.shape());
    }

    @Override public boolean equals(Object o) {
        return o instanceof Mat m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }
    @Override public int hashCode() { return 31 * (31 * rows + cols) + Arrays.hashCode(data); }
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Mat " + shape() + " [");
        for (int i = 0; i < Math.min(rows, 8); i++) sb.append(i == 0 ? "" : "; ").append(Arrays.toString(row(i)));
        return sb.append(rows > 8 ? "; ...]" : "]").toString();
    }
}
