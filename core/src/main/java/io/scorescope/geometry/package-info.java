/**
 * Per-point geometry of a score Jacobian J = d g_sigma / dx (docs/science.md: local_features, gain, local_dim,
 * subspaces, non_conservativeness, normal_projection, effective_density). Everything here is a pure function of
 * (J, sigma, tangent/normal frames, posteriors); fields, samplers, models and the claims' verdict rules are elsewhere.
 */
package io.scorescope.geometry;
