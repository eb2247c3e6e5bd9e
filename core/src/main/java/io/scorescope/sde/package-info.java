/**
 * Forward SDEs, noise schedules and samplers that record sample sequences.
 *
 * <p>Conventions. The score model is VE-form: {@code ScoreField.score(x, sigma)} ~ grad log q_sigma(x) with
 * q_sigma = q0 * N(0, sigma^2 I). An SDE's native state is x_t = s(t) x0 + s(t) sigma(t) eps (EDM); its
 * <em>VE frame</em> is x_t / s(t), at noise level sigma(t). Samplers take a {@link io.scorescope.sde.NoiseSchedule}
 * (descending sigma grid, VE frame) except the time-grid reverse SDE for a general {@link io.scorescope.sde.Sde}.
 * Every sampler reports each iterate to a {@link io.scorescope.sde.StepCallback} as a
 * {@link io.scorescope.sde.Step} in the VE frame, so trajectory analysis sees one convention.
 *
 * <p>Randomness. Samplers draw their noise as {@code rng.gaussian(n, D)} (row-major, one block per noise
 * injection) from the one {@link io.scorescope.math.Rng} they are given, in an order that does not depend on
 * the field's values: two runs with the same seed and different fields use common random numbers.
 */
package io.scorescope.sde;
