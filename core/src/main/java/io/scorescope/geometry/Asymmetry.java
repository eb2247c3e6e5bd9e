package io.scorescope.geometry;

import io.scorescope.math.Mat;

/**
 * Global non-conservativeness of a score Jacobian, spec section 6. With A = (J - J^T)/2:
 * NAsym = ||A||_F^2 / ||J||_F^2 (Chao et al. 2023), in [0, 1]. For D = 3 the curl of the field,
 * w = 2 (A_32, A_13, A_21) = (dg3/dx2 - dg2/dx3, dg1/dx3 - dg3/dx1, dg2/dx1 - dg1/dx2) with J_ij = dg_i/dx_j
 * (so g = omega (x2, -x1, 0) has w = (0, 0, -2 omega)).
 *
 * <p>Round-off floor: when ||A||_F / ||J||_F < {@link #ROUNDOFF_FLOOR} the field is conservative to
 * round-off; block ratios, shares and curl directions are then not computed (NaN), so that an energy model
 * cannot "pass" on noise. J = 0 counts as conservative to round-off, with NAsym = NaN.
 *
 * @param curl null unless D = 3
 */
public record Asymmetry(double nasym, double relativeNorm, boolean conservativeToRoundoff, double[] curl) {

    /** ||A||_F / ||J||_F below this is round-off. */
    public static final double ROUNDOFF_FLOOR = 1e-6;

    public static Asymmetry of(Mat jacobian) {
        Mat a = jacobian.antisymmetricPart();
        double na = a.frobenius(), nj = jacobian.frobenius();
        double rel = nj == 0 ? 0 : na / nj;
        double nasym = nj == 0 ? Double.NaN : rel * rel;
        return new Asymmetry(nasym, rel, rel < ROUNDOFF_FLOOR, jacobian.rows() == 3 ? curl(a) : null);
    }

    /** w = 2 (A_32, A_13, A_21) (1-based indices) for a 3 x 3 antisymmetric part A. */
    public static double[] curl(Mat antisymmetric) {
        if (antisymmetric.rows() != 3 || antisymmetric.cols() != 3) throw new IllegalArgumentException("curl needs D = 3");
        return new double[] {2 * antisymmetric.get(2, 1), 2 * antisymmetric.get(0, 2), 2 * antisymmetric.get(1, 0)};
    }
}
