/**
 * Experiments on a trained score model: the {@link io.scorescope.experiment.Experiment} pipeline (train or load the
 * model and its conservative control, sample sequences, analyse them, constrained mixing, sample quality, claims),
 * its data-kind strategy ({@link io.scorescope.experiment.DataKind}: manifolds or images), the model-running analysis
 * stages ({@link io.scorescope.experiment.SequenceAnalysis}, {@link io.scorescope.experiment.ConstrainedMixing}), the
 * claims with their verdict rules ({@link io.scorescope.experiment.Claim}, {@link io.scorescope.experiment.Verdicts}),
 * the definitions of docs/science.md, and the summary.json/provenance.json writers. Pure geometry (functions of J,
 * sigma, frames and posteriors) lives in {@code io.scorescope.geometry}.
 */
package io.scorescope.experiment;
