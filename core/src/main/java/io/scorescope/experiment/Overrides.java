package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.training.TrainConfig;

/**
 * Optional changes to the networks an {@link Experiment} trains, for sweeps over architectures and budgets (the
 * claims atlas). Each null component keeps the data kind's default. {@code model} replaces the score model's
 * parameterisation only (the control keeps its conservative one); {@code hidden}, {@code depth} and
 * {@code trainSteps} apply to the model and the control alike (same budget for both). Networks given with
 * --model/--control are not changed. {@link #NONE} is what {@code reproduce} uses: no change at all.
 */
public record Overrides(Parameterisation model, Integer hidden, Integer depth, Integer trainSteps) {
    public static final Overrides NONE = new Overrides(null, null, null, null);

    public Overrides {
        if (hidden != null && hidden < 1) throw new InputException("width must be >= 1, got " + hidden);
        if (depth != null && depth < 1) throw new InputException("depth must be >= 1, got " + depth);
        if (trainSteps != null && trainSteps < 1) throw new InputException("training steps must be >= 1, got " + trainSteps);
    }

    public boolean isNone() { return equals(NONE); }

    /** The network of the model ({@code control} false) or the control with these overrides. */
    public ModelSpec apply(ModelSpec spec, boolean control) {
        if (isNone()) return spec;
        Parameterisation p = control || model == null ? spec.parameterisation() : model;
        return new ModelSpec(spec.dim(), hidden != null ? hidden : spec.hidden(), depth != null ? depth : spec.depth(),
                spec.frequencies(), p, spec.sigmaData(), spec.architecture());
    }

    /** The training configuration with the overridden step count. */
    public TrainConfig apply(TrainConfig cfg) { return trainSteps == null ? cfg : cfg.withSteps(trainSteps); }

    /** The given components (for provenance). */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (model != null) o.put("model_parameterisation", model.cliName());
        if (hidden != null) o.put("hidden", hidden);
        if (depth != null) o.put("depth", depth);
        if (trainSteps != null) o.put("train_steps", trainSteps);
        return o;
    }
}
