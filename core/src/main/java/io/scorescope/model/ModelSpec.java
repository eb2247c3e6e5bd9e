package io.scorescope.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;

/**
 * The architecture of a score model: ambient dimension, network width and depth (for a U-Net, hidden is the
 * base channel width and depth is unused), noise features, parameterisation, the data scale sigma_data used
 * for preconditioning, and the network family. Specs without an architecture (older checkpoints) are MLPs;
 * U-Net specs without {@code bottleneck_blocks} have one block at the lowest resolution.
 */
public record ModelSpec(int dim, int hidden, int depth, int frequencies, Parameterisation parameterisation, double sigmaData,
                        Architecture architecture) {
    public ModelSpec {
        if (dim < 1) throw new InputException("model dimension must be >= 1, got " + dim);
        if (hidden < 1 || depth < 1) throw new InputException("hidden width and depth must be >= 1");
        if (frequencies < 0) throw new InputException("frequencies must be >= 0");
        if (!(sigmaData > 0) || !Double.isFinite(sigmaData)) throw new InputException("sigma_data must be positive and finite");
        if (architecture.kind() == Architecture.Kind.UNET) {
            if (architecture.channels() * architecture.height() * architecture.width() != dim)
                throw new InputException("U-Net image " + architecture.channels() + "x" + architecture.height() + "x"
                        + architecture.width() + " does not match dimension " + dim);
            if (frequencies < 1) throw new InputException("the U-Net needs noise features (frequencies >= 1 gives 3 or more)");
        }
    }

    /** An MLP spec. */
    public ModelSpec(int dim, int hidden, int depth, int frequencies, Parameterisation parameterisation, double sigmaData) {
        this(dim, hidden, depth, frequencies, parameterisation, sigmaData, Architecture.MLP);
    }

    public NoiseFeatures features() { return new NoiseFeatures(frequencies); }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("dim", dim).put("hidden", hidden).put("depth", depth).put("frequencies", frequencies)
                .put("parameterisation", parameterisation.cliName()).put("sigma_data", sigmaData);
        if (architecture.kind() == Architecture.Kind.UNET) {
            o.put("architecture", "unet").put("channels", architecture.channels()).put("height", architecture.height())
                    .put("width", architecture.width());
            if (architecture.bottleneck() != 1) o.put("bottleneck_blocks", architecture.bottleneck());   // older specs: one
        }
        return o;
    }

    public static ModelSpec fromJson(ObjectNode o) {
        try {
            return new ModelSpec(o.get("dim").asInt(), o.get("hidden").asInt(), o.get("depth").asInt(),
                    o.get("frequencies").asInt(), Parameterisation.byName(o.get("parameterisation").asText()),
                    o.get("sigma_data").asDouble(), architecture(o));
        } catch (NullPointerException e) {
            throw new InputException("model spec is missing a field (dim, hidden, depth, frequencies, parameterisation, sigma_data)");
        }
    }

    private static Architecture architecture(ObjectNode o) {
        String a = o.path("architecture").asText("mlp");
        return switch (a) {
            case "mlp" -> Architecture.MLP;
            case "unet" -> Architecture.unet(o.path("channels").asInt(), o.path("height").asInt(), o.path("width").asInt(),
                    o.path("bottleneck_blocks").asInt(1));
            default -> throw new InputException("unknown architecture '" + a + "' in model spec; expected mlp or unet");
        };
    }
}
