/**
 * Per-point geometry of a score Jacobian J = d g_sigma / dx (science.md sections 1-3 and 5-8) and the
 * verdict rules for claims A2-A6. Everything here is a pure function of (J, sigma, tangent/normal frames,
 * posteriors); fields, samplers and models are upstream.
 */
package io.scorescope.geometry;
