package io.scorescope.data;

/**
 * A parametrised piece of a manifold, y = f(t) for t in a box [lower, upper] ⊂ R^d, with its density in parameter space
 * p(t) = q0(f(t)) * sqrt(det(Df^T Df)) (density times area element), so that integral f q0 dvol = integral f(f(t)) p(t) dt.
 */
public interface Chart {
    int ambientDim();

    double[] lower();

    double[] upper();

    /** f(t). */
    double[] embed(double[] t);

    /** log p(t), the density w.r.t. dt. */
    double logParamDensity(double[] t);

    /** L_i >= sup over the box of |df/dt_i|, so |f(t) - f(c)| <= sum_i L_i |t_i - c_i|. */
    double[] lipschitz();

    /** The widest leaf cell per parameter that still resolves the geometry and the density. */
    double[] maxStep();

    default int paramDim() { return lower().length; }
}
