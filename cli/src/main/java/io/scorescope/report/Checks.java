package io.scorescope.report;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the report model. */
final class Checks {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Checks() {}

    /** An id usable as a file name and an HTML id: letters, digits, '_' and '-'. */
    static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("bad id '" + id + "': use 1-64 letters, digits, '_' or '-'");
        }
        return id;
    }

    static String text(String s, String what) { return Objects.requireNonNull(s, what); }

    static <T> List<T> list(List<T> l, String what) {
        return List.copyOf(Objects.requireNonNull(l, what));
    }

    static double[] sameLength(double[] a, int n, String what) {
        Objects.requireNonNull(a, what);
        if (a.length != n) throw new IllegalArgumentException(what + ": length " + a.length + ", expected " + n);
        return a.clone();
    }

    static double[][] rows(double[][] m, int cols, String what) {
        Objects.requireNonNull(m, what);
        double[][] copy = new double[m.length][];
        for (int i = 0; i < m.length; i++) copy[i] = sameLength(m[i], cols, what + "[" + i + "]");
        return copy;
    }
}
