package io.scorescope.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The reference models shipped with Scorescope: {@code models/<data name>/model} (the score model) and
 * {@code models/<data name>/control} (its energy control), ordinary model folders trained by {@code scorescope train}
 * (listed in models/README.md). {@code reproduce} adopts them instead of training when the training data recorded in
 * their provenance is the requested data: same set, split, label selection, count and file SHA-256 (the data's path
 * and spec string may differ), and both have finished their configured steps (a partly trained folder is shipped only
 * to be resumed). Before use every file is checked against the SHA-256 its provenance records
 * ({@link ModelFolder#verify}); a mismatch is an input error, never a silent retrain.
 */
public final class ReferenceModels {
    /** The system property that names the models folder (the launcher sets it to the repository's models/). */
    public static final String PROPERTY = "scorescope.models";

    /** What a lookup found: the pair, or why there is none. */
    public record Lookup(Optional<Pair> pair, String description) {}

    /** A verified model and control. */
    public record Pair(Path folder, ModelSource model, ModelSource control) {}

    private ReferenceModels() {}

    /** The folder named by {@link #PROPERTY}, if set. */
    public static Optional<Path> shipped() {
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? Optional.empty() : Optional.of(Path.of(p));
    }

    /** The reference pair under {@code root} for data described by {@code dataInfo}, verified, if its recorded data matches. */
    public static Lookup find(Path root, ObjectNode dataInfo) {
        String name = dataInfo.path("name").asText("");
        if (!name.matches("[A-Za-z0-9_-]+")) return none("no reference models for " + ModelSource.dataSpec(dataInfo));   // a file's data: no shipped pair
        Path folder = root.resolve(name), model = folder.resolve(Experiment.MODEL_DIR), control = folder.resolve(Experiment.CONTROL_DIR);
        boolean hasModel = Files.exists(model.resolve(ModelFolder.PROVENANCE)), hasControl = Files.exists(control.resolve(ModelFolder.PROVENANCE));
        if (!hasModel && !hasControl) return none("no reference models for " + ModelSource.dataSpec(dataInfo) + " in " + root);
        if (!hasModel || !hasControl)
            return none("the reference pair in " + folder + " is incomplete: " + (hasModel ? control : model) + " is not there yet");
        for (Path p : new Path[] {model, control}) {
            JsonNode prov = Json.read(p.resolve(ModelFolder.PROVENANCE));
            JsonNode recorded = prov.path("config").path("data");
            if (!sameData(recorded, dataInfo))
                return none("the reference models in " + folder + " were trained on " + ModelSource.dataSpec((ObjectNode) recorded)
                        + ", not on this data (" + ModelSource.dataSpec(dataInfo) + ")");
            int done = prov.path(ModelFolder.RECORD).path("steps").asInt(-1), planned = prov.path("config").path("training").path("steps").asInt();
            if (done != planned)
                return none("the reference model in " + p + " is still training (step " + done + " of " + planned + "; train --resume --out " + p + ")");
        }
        ModelFolder.verify(model);
        ModelFolder.verify(control);
        return new Lookup(Optional.of(new Pair(folder, ModelSource.fromCheckpoint(model),
                ModelSource.fromCheckpoint(control).requireConservative("the reference control"))),
                "reference models from " + folder + " (SHA-256 verified)");
    }

    /** Same data: equal descriptions once the spec string and the files' paths (machine-specific) are removed. */
    static boolean sameData(JsonNode a, JsonNode b) { return a.isObject() && b.isObject() && Json.sameContent(portable(a), portable(b)); }

    private static ObjectNode portable(JsonNode info) {
        ObjectNode o = ((ObjectNode) info).deepCopy();
        o.remove("spec");
        o.path("files").forEach(f -> { if (f.isObject()) ((ObjectNode) f).remove("path"); });
        return o;
    }

    private static Lookup none(String why) { return new Lookup(Optional.empty(), why); }
}
