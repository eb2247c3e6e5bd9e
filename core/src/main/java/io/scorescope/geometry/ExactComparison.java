package io.scorescope.geometry;

/**
 * The same figures for the exact field where it is known (spec section 7: "~0" is a small-sigma statement,
 * so at all levels compare with the exact field). Parts not supplied are NaN.
 *
 * @param localDim          #{gamma_i > 1/2} of the exact Jacobian
 * @param projection        ||P_N(I + sigma^2 J_exact)P_N||_2 and leakage, in the same frame as the model's
 * @param normalScoreError  |P_N(g - g_exact)| / |P_N g_exact|
 */
public record ExactComparison(double localDim, NormalProjection projection, double normalScoreError) {}
