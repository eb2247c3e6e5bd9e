package io.scorescope.geometry;

import io.scorescope.math.Mat;

/**
 * Non-conservativeness split by a tangent/normal pair, spec section 6. With A = (J - J^T)/2 and projectors
 * P_T, P_N: A_TT = P_T A P_T, A_NN = P_N A P_N, A_X = P_T A P_N + P_N A P_T.
 * <ul>
 *   <li>r_TT = ||A_TT||_F / ||P_T J P_T||_F, r_NN = ||A_NN||_F / ||P_N J P_N||_F,
 *       r_X = ||A_X||_F / ||P_T J P_N + P_N J P_T||_F. Each numerator is the antisymmetric part of its
 *       denominator's block, so every ratio lies in [0, 1]; 0/0 (an empty block: d = 0 or 1 for r_TT,
 *       d = D or D - 1 for r_NN, d = 0 or D for r_X; or a zero block of J) is NaN. A block of J with
 *       norm below {@link #ZERO_BLOCK} ||J||_F is zero to round-off (the frame rotation leaves ~1e-16 ||J||_F
 *       in exactly-zero blocks), and its ratio is NaN too.</li>
 *   <li>Shares of ||A||_F^2: tangent ||A_TT||^2, normal ||A_NN||^2, cross ||A_X||^2 (they sum to 1), each
 *       next to its isotropic baseline d(d-1)/(D(D-1)), (D-d)(D-d-1)/(D(D-1)), 2d(D-d)/(D(D-1))
 *       (the expected shares for a rotation-invariant random A; NaN for D = 1).</li>
 *   <li>Rotation in gain units: sigma^2 ||A_TT||_F and sigma^2 ||A_NN||_F.</li>
 *   <li>D = 3: cos^2(w, N) = |P_N w|^2 / |w|^2, the squared cosine between the curl and the normal space
 *       (equal to the tangent share when d = 2).</li>
 * </ul>
 * Ratios, shares and cos^2 are NaN when J is conservative to round-off ({@link Asymmetry#ROUNDOFF_FLOOR}).
 * Caution (spec): in codimension 1 A_NN is identically 0, and with d = 1 A_TT is, so use the shares there.
 */
public record AsymmetryBlocks(int tangentDim, int ambientDim,
                              double rTT, double rNN, double rX,
                              double tangentShare, double normalShare, double crossShare,
                              double tangentShareBaseline, double normalShareBaseline, double crossShareBaseline,
                              double rotTTGain, double rotNNGain, double curlNormalCos2) {

    /** Relative size below which a block of J is treated as zero (round-off from the frame rotation). */
    public static final double ZERO_BLOCK = 1e-12;

    public static AsymmetryBlocks of(Mat jacobian, double sigma, Subspace subspace) {
        return of(jacobian, Asymmetry.of(jacobian), FrameBlocks.of(jacobian, subspace), sigma, subspace);
    }

    /** From precomputed global asymmetry and blocks of J in the subspace's frame. */
    static AsymmetryBlocks of(Mat jacobian, Asymmetry global, FrameBlocks jBlocks, double sigma, Subspace subspace) {
        int dim = subspace.ambientDim(), d = subspace.dim();
        FrameBlocks a = new FrameBlocks(jBlocks.tt().antisymmetricPart(), jBlocks.tn().minus(jBlocks.nt().transpose()).scale(0.5),
                jBlocks.nt().minus(jBlocks.tn().transpose()).scale(0.5), jBlocks.nn().antisymmetricPart());
        double att = a.tangentNorm(), ann = a.normalNorm(), ax = a.crossNorm();
        double total = att * att + ann * ann + ax * ax;
        double s2 = sigma * sigma;
        double pairs = (double) dim * (dim - 1);
        double baseT = d * (d - 1.0) / pairs, baseN = (dim - d) * (dim - d - 1.0) / pairs, baseX = 2.0 * d * (dim - d) / pairs;
        if (global.conservativeToRoundoff()) {
            double nan = Double.NaN;
            return new AsymmetryBlocks(d, dim, nan, nan, nan, nan, nan, nan, baseT, baseN, baseX, s2 * att, s2 * ann, nan);
        }
        double cos2 = Double.NaN;
        if (global.curl() != null) {
            double[] w = global.curl();
            double w2 = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
            cos2 = w2 == 0 ? Double.NaN : subspace.normalNorm2(w) / w2;
        }
        double floor = ZERO_BLOCK * jacobian.frobenius();
        return new AsymmetryBlocks(d, dim,
                blockRatio(att, jBlocks.tangentNorm(), floor), blockRatio(ann, jBlocks.normalNorm(), floor),
                blockRatio(ax, jBlocks.crossNorm(), floor),
                att * att / total, ann * ann / total, ax * ax / total,
                baseT, baseN, baseX, s2 * att, s2 * ann, cos2);
    }

    /** D - d. */
    public int codim() { return ambientDim - tangentDim; }

    /** ||A_block|| / ||J_block||, NaN when the J block is zero to round-off. */
    private static double blockRatio(double a, double b, double floor) { return b <= floor ? Double.NaN : a / b; }

    /** a / b with 0/0 = NaN. */
    static double ratio(double a, double b) { return a == 0 && b == 0 ? Double.NaN : a / b; }
}
