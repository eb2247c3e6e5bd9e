package io.scorescope.geometry;

import io.scorescope.math.Mat;

/**
 * The four blocks of a matrix in a (T, N) frame, Y = Q^T X Q (see {@link Subspace#rotate}):
 * TT = T^T X T (d x d), TN = T^T X N, NT = N^T X T, NN = N^T X N. Since Q is orthogonal,
 * ||P_T X P_T||_F = ||TT||_F, ||P_T X P_N + P_N X P_T||_F^2 = ||TN||_F^2 + ||NT||_F^2, ||P_N X P_T||_2 = ||NT||_2.
 */
record FrameBlocks(Mat tt, Mat tn, Mat nt, Mat nn) {
    static FrameBlocks of(Mat rotated, int d) {
        int dim = rotated.rows();
        Mat top = rotated.rows(0, d), bottom = rotated.rows(d, dim);
        return new FrameBlocks(top.cols(0, d), top.cols(d, dim), bottom.cols(0, d), bottom.cols(d, dim));
    }

    static FrameBlocks of(Mat x, Subspace s) { return of(s.rotate(x), s.dim()); }

    double tangentNorm() { return tt.frobenius(); }
    double normalNorm() { return nn.frobenius(); }
    /** ||P_T X P_N + P_N X P_T||_F. */
    double crossNorm() { return Math.sqrt(tn.frobenius2() + nt.frobenius2()); }
}
