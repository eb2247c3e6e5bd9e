package io.scorescope.geometry;

import io.scorescope.engine.Linalg;
import io.scorescope.math.Mat;
import io.scorescope.math.Vec;

/**
 * The local features of a score Jacobian (spec sections 1, 2, 5): J = U diag(s) V^T with s descending,
 * the gains gamma_i = 1 - sigma^2 s_i (ascending, since s is descending) and the sign pairing
 * c_i = -u_i . v_i (1 for symmetric negative-definite behaviour, -1 where J stretches v_i onto +v_i).
 *
 * <p>The learned tangent space T^ is spanned by the <b>right</b> singular vectors v_i (columns of V) with
 * gamma_i > 1/2, the kept features: V spans the input side of J, the directions of x that the denoiser
 * I + sigma^2 J keeps (for symmetric negative J, u_i = -v_i and both give the same span). N^ is spanned by
 * the remaining columns of V. Normal directions carry the largest s (~1/sigma^2, gain ~0), tangent ones the
 * smallest, so the kept features are the trailing columns of V.
 *
 * <p>{@code u}, {@code v} and {@code signPairing} are null on the values-only path ({@link #valuesOnly}).
 */
public record LocalFeatures(double sigma, double[] singularValues, double[] gains, double[] signPairing, Mat u, Mat v) {

    /** Threshold on the gain above which a feature is kept (tangent), spec section 3: gamma > 1/2. */
    public static final double KEEP_THRESHOLD = 0.5;

    /** Full SVD of one Jacobian. */
    public static LocalFeatures of(Mat jacobian, double sigma) {
        return of(new Mat[] {jacobian}, new double[] {sigma})[0];
    }

    /** Full SVDs of many Jacobians in one batched {@link Linalg#svd} call (all of the same shape). */
    public static LocalFeatures[] of(Mat[] jacobians, double[] sigma) {
        checkLengths(jacobians, sigma);
        Linalg.Svd[] svd = Linalg.svd(jacobians);
        LocalFeatures[] out = new LocalFeatures[jacobians.length];
        for (int i = 0; i < svd.length; i++) {
            Mat u = svd[i].u(), v = svd[i].v();
            double[] c = new double[svd[i].s().length];
            for (int k = 0; k < c.length; k++) c[k] = -Vec.dot(u.col(k), v.col(k));
            out[i] = new LocalFeatures(sigma[i], svd[i].s(), gains(svd[i].s(), sigma[i]), c, u, v);
        }
        return out;
    }

    /** Singular values and gains only (cheaper {@link Linalg#singularValues}); no vectors, no sign pairing. */
    public static LocalFeatures valuesOnly(Mat jacobian, double sigma) {
        return valuesOnly(new Mat[] {jacobian}, new double[] {sigma})[0];
    }

    /** Batched values-only path. */
    public static LocalFeatures[] valuesOnly(Mat[] jacobians, double[] sigma) {
        checkLengths(jacobians, sigma);
        double[][] s = Linalg.singularValues(jacobians);
        LocalFeatures[] out = new LocalFeatures[jacobians.length];
        for (int i = 0; i < s.length; i++) out[i] = new LocalFeatures(sigma[i], s[i], gains(s[i], sigma[i]), null, null, null);
        return out;
    }

    /** gamma_i = 1 - sigma^2 s_i. */
    public static double[] gains(double[] singularValues, double sigma) {
        double[] g = new double[singularValues.length];
        for (int i = 0; i < g.length; i++) g[i] = 1 - sigma * sigma * singularValues[i];
        return g;
    }

    /** D. */
    public int ambientDim() { return singularValues.length; }

    public boolean hasVectors() { return v != null; }

    /** Whether feature i is kept: gamma_i > 1/2. */
    public boolean kept(int i) { return gains[i] > KEEP_THRESHOLD; }

    /** #{i : gamma_i > 1/2}, the default local dimension. */
    public int keptCount() {
        int k = 0;
        for (int i = 0; i < gains.length; i++) if (kept(i)) k++;
        return k;
    }

    /** The learned split: T^ = span{v_i : gamma_i > 1/2}, N^ = span of the other columns of V. */
    public Subspace learnedSubspace() {
        requireVectors();
        boolean[] keep = new boolean[gains.length];
        for (int i = 0; i < keep.length; i++) keep[i] = kept(i);
        return Subspace.fromColumns(v, keep);
    }

    /** Basis of T^ (D x k, columns of V with gamma > 1/2). */
    public Mat keptBasis() { return learnedSubspace().tangent(); }

    /** Basis of N^ (D x (D - k)). */
    public Mat removedBasis() { return learnedSubspace().normal(); }

    /** The same features without U and V (for storage; sign pairing is kept). */
    public LocalFeatures withoutVectors() { return new LocalFeatures(sigma, singularValues, gains, signPairing, null, null); }

    private void requireVectors() {
        if (v == null) throw new IllegalStateException("values-only features have no singular vectors");
    }

    private static void checkLengths(Mat[] j, double[] sigma) {
        if (j.length != sigma.length) throw new IllegalArgumentException(j.length + " Jacobians but " + sigma.length + " noise levels");
    }
}
