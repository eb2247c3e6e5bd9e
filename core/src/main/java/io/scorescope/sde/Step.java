package io.scorescope.sde;

import io.scorescope.math.Mat;

/**
 * One recorded iterate of a sampler, in the VE frame: the states x (n x D) at noise level sigma and the
 * Tweedie denoised estimate D_sigma(x) = x + sigma^2 g_sigma(x). Index 0 is the initial state.
 * The matrices are fresh per step (samplers never mutate them afterwards); callbacks must not modify them.
 */
public record Step(int index, double sigma, Mat x, Mat denoised) {}
