package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.Manifold;
import io.scorescope.field.ScoreField;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SampleRun;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.sde.StepCallback;

/**
 * Sample quality of a model trained on a built-in manifold ({@link SampleQuality}): n fresh samples with the sampler
 * configuration plus the final denoising step, and the held-out DSM loss over the sampler's noise range.
 *
 * @param quality the measurements
 * @param n       samples drawn
 * @param sampler the sampler configuration (with the final denoising step)
 * @param data    the data spec the model was trained on
 * @param prior   where the sampler started ({@link Prior#describe})
 */
public record ManifoldQuality(SampleQuality quality, int n, SamplerConfig sampler, String data, String prior) implements QualityReport {

    public static ManifoldQuality measure(ScoreField model, Manifold m, String data, SamplerConfig sampler, Prior prior, int n, int lossDraws,
                                          long seed, StepCallback progress) {
        SamplerConfig cfg = sampler.withDenoiseFinal(true);
        SampleRun run = SampleRun.draw(model, cfg, prior, n, seed, progress);
        SampleQuality q = SampleQuality.measure(model, m, run.samples(), run.sequence().finalPoints(),
                cfg.sigmaMin(), cfg.sigmaMax(), lossDraws, seed);
        return new ManifoldQuality(q, n, cfg, data, prior.describe());
    }

    @Override public ObjectNode toJson() {
        ObjectNode o = quality.toJson();
        o.put("n", n).setAll(sampler.toJson());
        o.put("data", data).put("prior", prior);
        return o;
    }
}
