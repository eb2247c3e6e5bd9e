package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import java.util.List;

/**
 * How much work {@code scorescope reproduce} does. The full default and {@code --quick} are sized for
 * limits on 2 cores (5 minutes and 90 s including training both models, at the measured ~2.9 ms per
 * eps-MLP step and ~7 ms per energy step); {@code tiny} is for tests only.
 *
 * @param trainSteps     DSM steps for the score model and, the same budget, for the energy control
 * @param trainPoints    training draws from the manifold
 * @param sequences      sample sequences analysed (spec section 4)
 * @param levels         K noise levels per sequence (geometric over the whole sampler range)
 * @param samplerSteps   reverse-SDE steps of the sampler that records the sequences
 * @param mixingChains   Langevin chains per mixing noise level (spec section 9)
 * @param mixingSteps    Langevin steps per chain
 * @param qualitySamples samples for the sample-quality evaluation
 * @param lossDraws      held-out draws for the excess DSM loss
 * @param figurePoints   points drawn on the manifold in the Figure-1 analogue
 */
public record Budget(String name, int trainSteps, int trainPoints, int sequences, int levels, int samplerSteps,
              int mixingChains, int mixingSteps, int qualitySamples, int lossDraws, int figurePoints) implements Plan {

    public static final Budget FULL = new Budget("full", 15_000, 20_000, 32, 12, 200, 256, 1500, 2000, 4000, 1500);
    public static final Budget QUICK = new Budget("quick", 3000, 20_000, 16, 8, 100, 128, 600, 1000, 2000, 1000);
    public static final Budget TINY = new Budget("tiny", 100, 2000, 4, 4, 20, 16, 40, 64, 200, 200);

    public static final List<Budget> ALL = List.of(FULL, QUICK, TINY);

    public static Budget byName(String name) {
        for (Budget b : ALL) if (b.name.equals(name)) return b;
        throw new InputException("unknown --budget '" + name + "'; expected full, quick or tiny");
    }

    @Override public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name).put("train_steps", trainSteps).put("train_points", trainPoints).put("sequences", sequences)
                .put("levels", levels).put("sampler_steps", samplerSteps).put("mixing_chains", mixingChains)
                .put("mixing_steps", mixingSteps).put("quality_samples", qualitySamples).put("loss_draws", lossDraws)
                .put("figure_points", figurePoints);
        return o;
    }
}
