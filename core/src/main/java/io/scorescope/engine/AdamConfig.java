package io.scorescope.engine;

/** Adam hyper-parameters (Kingma and Ba 2015). */
public record AdamConfig(double beta1, double beta2, double eps) {
    public static final AdamConfig DEFAULT = new AdamConfig(0.9, 0.999, 1e-8);
}
