package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Csv;
import io.scorescope.io.Json;
import io.scorescope.io.Npy;
import io.scorescope.io.Provenance;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SampleRun;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.sde.SequenceFiles;
import java.nio.file.Path;
import java.util.Map;

/** A samples folder as {@code scorescope sample} writes it: samples.csv/.npy, the sequences and provenance.json. */
public final class SampleFolder {
    private SampleFolder() {}

    public static void write(Path out, SampleRun run, SamplerConfig cfg, Prior prior, ModelSource model, long seed) {
        SampleSequence s = run.sequence();
        int d = s.dim();
        String[] header = new String[d];
        for (int k = 0; k < d; k++) header[k] = "x" + k;
        Csv.write(out.resolve("samples.csv"), header, run.samples());
        Npy.write(out.resolve("samples.npy"), run.samples());
        SequenceFiles.write(out, s);
        ObjectNode config = cfg.toJson();
        config.put("prior", prior.describe()).put("prior_kind", prior.kind()).put("n", s.n());
        config.putObject("files").put("samples.npy", "[n, D]: the samples (same values as samples.csv)")
                .put("sequences.npy", "[n, K+1, D]: iterate x_k at level sigma_k (sigmas.csv), k = 0 is the prior draw")
                .put("denoised.npy", "[n, K+1, D]: x_k + sigma_k^2 g(x_k, sigma_k)");
        Provenance p = Provenance.of("samples", seed, config).input("model", model.info());
        Json.write(out.resolve("provenance.json"), Definitions.define(p, Map.of("sample_sequences", Definitions.SEQUENCES)).toJson());
    }
}
