package io.scorescope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an artefact came from (after Tribuo's provenance objects): the kind of artefact, its
 * configuration, the seed, software versions, the definitions it used (by name and formula) and the
 * provenance of its inputs. Serialised as JSON next to every output.
 */
public record Provenance(String kind, long seed, JsonNode config, Map<String, String> definitions,
                         Map<String, JsonNode> inputs) {

    public static final String VERSION = BuildInfo.VERSION;

    public static Provenance of(String kind, long seed, JsonNode config) {
        return new Provenance(kind, seed, config, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    public Provenance define(String name, String formula) { definitions.put(name, formula); return this; }

    public Provenance input(String name, JsonNode provenance) { inputs.put(name, provenance); return this; }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("kind", kind);
        o.put("scorescope_version", VERSION);
        o.put("seed", seed);
        o.set("config", config);
        ObjectNode env = o.putObject("environment");
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("engine", BuildInfo.engine());
        env.put("openblas_threads", String.valueOf(System.getenv("OPENBLAS_NUM_THREADS")));
        env.put("omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        env.put("torch_threads", String.valueOf(System.getProperty("scorescope.torch.threads")));   // set by the engine (thread policy)
        env.put("scorescope_threads", String.valueOf(System.getenv("SCORESCOPE_THREADS")));
        if (System.getProperty("scorescope.load.at.policy") != null)   // set by the engine's convolutional thread policy
            env.put("load_average_at_thread_policy", System.getProperty("scorescope.load.at.policy"));
        if (!definitions.isEmpty()) {
            ObjectNode d = o.putObject("definitions");
            definitions.forEach(d::put);
        }
        if (!inputs.isEmpty()) {
            ObjectNode i = o.putObject("inputs");
            inputs.forEach(i::set);
        }
        return o;
    }
}
