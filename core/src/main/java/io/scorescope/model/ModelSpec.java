package io.scorescope.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;

/**
 * The architecture of a score model: ambient dimension, MLP width and depth, noise features,
 * parameterisation and the data scale sigma_data used for preconditioning.
 */
public record ModelSpec(int dim, int hidden, int depth, int frequencies, Parameterisation parameterisation, double sigmaData) {
    public ModelSpec {
        if (dim < 1) throw new InputException("model dimension must be >= 1, got " + dim);
        if (hidden < 1 || depth < 1) throw new InputException("hidden width and depth must be >= 1");
        if (frequencies < 0) throw new InputException("frequencies must be >= 0");
        if (!(sigmaData > 0) || !Double.isFinite(sigmaData)) throw new InputException("sigma_data must be positive and finite");
    }

    public NoiseFeatures features() { return new NoiseFeatures(frequencies); }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("dim", dim).put("hidden", hidden).put("depth", depth).put("frequencies", frequencies)
                .put("parameterisation", parameterisation.cliName()).put("sigma_data", sigmaData);
        return o;
    }

    public static ModelSpec fromJson(ObjectNode o) {
        try {
            return new ModelSpec(o.get("dim").asInt(), o.get("hidden").asInt(), o.get("depth").asInt(),
                    o.get("frequencies").asInt(), Parameterisation.byName(o.get("parameterisation").asText()),
                    o.get("sigma_data").asDouble());
        } catch (NullPointerException e) {
            throw new InputException("model spec is missing a field (dim, hidden, depth, frequencies, parameterisation, sigma_data)");
        }
    }
}
