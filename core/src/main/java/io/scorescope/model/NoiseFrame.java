package io.scorescope.model;

/**
 * A model's own noise convention, mapped to the variance-exploding form of the spec. At VE level sigma the
 * model sees the point y = s(sigma) x (x in the VE frame) and the noise argument c(sigma):
 * VE models have s = 1 and c = sigma; a VP model at time t has x_t = s x_ve with s = sqrt(alphaBar(t)),
 * sigma = sqrt(1 - s^2) / s, and c = t (see {@code io.scorescope.sde.TorchScriptSpec}).
 */
public interface NoiseFrame {
    /** The variance-exploding frame itself: s = 1, c = sigma. */
    NoiseFrame VE = new NoiseFrame() {
        @Override public double scale(double sigma) { return 1; }
        @Override public double argument(double sigma) { return sigma; }
        @Override public String describe() { return "ve"; }
    };

    /** s(sigma) > 0, the factor from the VE point to the model's input. */
    double scale(double sigma);

    /** c(sigma), the model's noise argument. */
    double argument(double sigma);

    String describe();
}
