package io.scorescope.math;

/** Small vector helpers on {@code double[]}. */
public final class Vec {
    private Vec() {}

    public static double dot(double[] a, double[] b) {
        check(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
    public static double norm(double[] a) { return Math.sqrt(dot(a, a)); }
    public static double dist(double[] a, double[] b) { return norm(sub(a, b)); }
    public static double dist2(double[] a, double[] b) { check(a, b); double s = 0; for (int i = 0; i < a.length; i++) { double d = a[i] - b[i]; s += d * d; } return s; }
    public static double[] add(double[] a, double[] b) { check(a, b); double[] r = a.clone(); for (int i = 0; i < a.length; i++) r[i] += b[i]; return r; }
    public static double[] sub(double[] a, double[] b) { check(a, b); double[] r = a.clone(); for (int i = 0; i < a.length; i++) r[i] -= b[i]; return r; }
    public static double[] scale(double s, double[] a) { double[] r = new double[a.length]; for (int i = 0; i < a.length; i++) r[i] = s * a[i]; return r; }
    /** a + s * b. */
    public static double[] axpy(double[] a, double s, double[] b) { check(a, b); double[] r = a.clone(); for (int i = 0; i < a.length; i++) r[i] += s * b[i]; return r; }
    public static double[] normalize(double[] a) { double n = norm(a); if (n == 0) throw new ArithmeticException("zero vector"); return scale(1 / n, a); }
    public static double[] cross(double[] a, double[] b) {
        if (a.length != 3 || b.length != 3) throw new IllegalArgumentException("cross needs 3-vectors");
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
    public static double[] unit(int n, int i) { double[] e = new double[n]; e[i] = 1; return e; }
    public static double sum(double[] a) { double s = 0; for (double v : a) s += v; return s; }
    public static double max(double[] a) { double m = Double.NEGATIVE_INFINITY; for (double v : a) m = Math.max(m, v); return m; }
    /** log sum exp, stable. */
    public static double logSumExp(double[] a) {
        double m = max(a);
        if (m == Double.NEGATIVE_INFINITY) return m;
        double s = 0;
        for (double v : a) s += Math.exp(v - m);
        return m + Math.log(s);
    }
    public static boolean isFinite(double[] a) { for (double v : a) if (!Double.isFinite(v)) return false; return true; }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("length " + a.length + " vs " + b.length);
    }
}
