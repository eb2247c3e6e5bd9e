package io.scorescope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;

/**
 * How much work {@code scorescope reproduce} does on image data. Sized for the limits on 2 cores for the
 * 8x8 digits (D = 64): {@code quick} at most 3 minutes and {@code full} at most 15 minutes including both models,
 * at the measured ~7 ms per step of the eps-MLP 4 x 256 (batch 256) and ~14 ms for its energy control on 2 shared
 * cores (OPENBLAS_NUM_THREADS=1). Width 256 rather than 128: at 128 some digits sequences diverged (pixels of 10-1000)
 * even after 18k steps; at 256 none did after 6k. At D >= {@link #LARGE_DIM} (MNIST, Fashion-MNIST) the Jacobian analysis
 * costs D forward passes and a D x D SVD per point, so {@link #forDim} caps sequences and levels.
 *
 * @param hidden         width of the MLP 4 x hidden (model and control)
 * @param trainSteps     DSM steps for the score model and, the same budget, the energy control
 * @param batch          training batch size
 * @param sequences      sample sequences analysed (spec section 4)
 * @param levels         K noise levels per sequence
 * @param samplerSteps   reverse-SDE steps of the sampler (sequences and quality samples)
 * @param mixingChains   Langevin chains per mixing noise level
 * @param mixingSteps    Langevin steps per chain
 * @param qualitySamples samples for memorisation ratio and classifier confidence
 */
record ImageBudget(String name, int hidden, int trainSteps, int batch, int sequences, int levels, int samplerSteps,
                   int mixingChains, int mixingSteps, int qualitySamples) {

    static final int LARGE_DIM = 256;

    static final ImageBudget FULL = new ImageBudget("full", 256, 25_000, 256, 32, 12, 200, 256, 1000, 1000);
    static final ImageBudget QUICK = new ImageBudget("quick", 256, 5000, 256, 16, 8, 200, 128, 400, 500);
    static final ImageBudget TINY = new ImageBudget("tiny", 32, 100, 64, 4, 4, 20, 16, 40, 64);

    /** The image budget of the same name as a manifold budget (full, quick, tiny). */
    static ImageBudget of(Budget b) {
        return switch (b.name()) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> TINY;
        };
    }

    /** At D >= 256 at most 8 sequences x 8 levels (each point costs D forward passes and a D x D SVD). */
    ImageBudget forDim(int dim) {
        if (dim < LARGE_DIM) return this;
        return new ImageBudget(name, hidden, trainSteps, batch, Math.min(sequences, 8), Math.min(levels, 8), samplerSteps,
                mixingChains, mixingSteps, qualitySamples);
    }

    ObjectNode toJson() {
        return Json.object().put("name", name).put("hidden", hidden).put("train_steps", trainSteps).put("batch", batch)
                .put("sequences", sequences).put("levels", levels).put("sampler_steps", samplerSteps)
                .put("mixing_chains", mixingChains).put("mixing_steps", mixingSteps).put("quality_samples", qualitySamples);
    }
}
