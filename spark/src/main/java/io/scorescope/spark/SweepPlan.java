package io.scorescope.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.scorescope.data.ImageSets;
import io.scorescope.data.Manifolds;
import io.scorescope.experiment.Budget;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.model.Parameterisation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep plan (YAML): a name, whether each cell also writes its report, and axes. Every combination of axis values
 * is a cell ({@link #cells}, in a fixed order: data, parameterisation, width, depth, train_steps, budget, seed).
 * <pre>
 * name: atlas-quick
 * report: true                 # optional, default false
 * axes:
 *   data: [sphere, torus]      # required: built-in manifolds or image sets
 *   parameterisation: [eps, edm]   # optional: the score model's; default the data kind's
 *   width: [64, 128]           # optional: hidden width of model and control
 *   depth: [4]                 # optional
 *   train_steps: [1000]        # optional: DSM steps of model and control; default the budget's
 *   budget: [quick]            # optional: full, quick or tiny; default quick
 *   seed: [0, 1]               # optional: default 0
 * </pre>
 * A scalar stands for a one-value list. Everything is checked when read: unknown keys or axes, unknown data,
 * budgets or parameterisations, non-positive sizes and empty axes are {@link InputException}s.
 */
public record SweepPlan(String name, boolean report, Map<String, List<Object>> axes) {
    public static final List<String> AXES = List.of("data", "parameterisation", "width", "depth", "train_steps", "budget", "seed");
    private static final List<String> KEYS = List.of("name", "report", "axes");

    /** Reads and checks a plan file. */
    public static SweepPlan read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException("cannot read plan " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())), e);
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException("plan " + file + " is not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        return parse(root, file.toString());
    }

    static SweepPlan parse(JsonNode root, String where) {
        if (root == null || !root.isObject()) throw new InputException("plan " + where + " must be a YAML mapping with name and axes");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) throw new InputException("plan " + where + ": unknown key '" + k + "' (expected " + String.join(", ", KEYS) + ")");
        }
        String name = root.path("name").asText("");
        if (name.isBlank()) throw new InputException("plan " + where + " has no name");
        JsonNode report = root.path("report");
        if (!report.isMissingNode() && !report.isBoolean()) throw new InputException("plan " + where + ": report must be true or false");
        JsonNode axesNode = root.path("axes");
        if (!axesNode.isObject()) throw new InputException("plan " + where + " has no axes mapping");
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = axesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!AXES.contains(e.getKey()))
                throw new InputException("plan " + where + ": unknown axis '" + e.getKey() + "' (known: " + String.join(", ", AXES) + ")");
            List<JsonNode> values = new ArrayList<>();
            if (e.getValue().isArray()) e.getValue().forEach(values::add); else if (!e.getValue().isNull()) values.add(e.getValue());
            if (values.isEmpty()) throw new InputException("plan " + where + ": axis '" + e.getKey() + "' is empty, so the grid has no cell");
            List<Object> parsed = new ArrayList<>();
            for (JsonNode v : values) {
                Object x = value(e.getKey(), v, where);
                if (parsed.contains(x)) throw new InputException("plan " + where + ": axis '" + e.getKey() + "' lists " + x + " twice");
                parsed.add(x);
            }
            axes.put(e.getKey(), List.copyOf(parsed));
        }
        if (!axes.containsKey("data")) throw new InputException("plan " + where + " has no data axis");
        return new SweepPlan(name, report.asBoolean(false), axes);
    }

    private static Object value(String axis, JsonNode v, String where) {
        String prefix = "plan " + where + ": axis '" + axis + "': ";
        switch (axis) {
            case "data" -> {
                if (!v.isTextual()) throw new InputException(prefix + "expected a data spec, got " + v);
                checkData(v.asText(), prefix);
                return v.asText();
            }
            case "budget" -> {
                if (!v.isTextual() || Budget.ALL.stream().noneMatch(b -> b.name().equals(v.asText())))
                    throw new InputException(prefix + "unknown budget " + v + " (expected full, quick or tiny)");
                return v.asText();
            }
            case "parameterisation" -> {
                if (!v.isTextual() || Arrays.stream(Parameterisation.values()).noneMatch(p -> p.cliName().equals(v.asText())))
                    throw new InputException(prefix + "unknown parameterisation " + v + " (expected one of "
                            + Arrays.stream(Parameterisation.values()).map(Parameterisation::cliName).toList() + ")");
                return v.asText();
            }
            case "seed" -> {
                if (!v.canConvertToLong() || !v.isIntegralNumber()) throw new InputException(prefix + "a seed must be an integer, got " + v);
                return v.asLong();
            }
            default -> {   // width, depth, train_steps
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1)
                    throw new InputException(prefix + "expected a positive integer, got " + v);
                return v.asInt();
            }
        }
    }

    /** A built-in manifold or an image set; files are not cells (reproduce needs exact geometry or images). */
    private static void checkData(String spec, String prefix) {
        try {
            if (ImageSets.handles(spec)) ImageSets.resolve(spec); else Manifolds.byName(spec);
        } catch (InputException e) {
            throw new InputException(prefix + "unknown data spec '" + spec + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InputException(prefix + "unknown data spec '" + spec + "': " + e.getClass().getSimpleName(), e);
        }
    }

    private List<Object> axis(String name, Object dflt) {
        List<Object> v = axes.get(name);
        return v != null ? v : java.util.Collections.singletonList(dflt);
    }

    /** Every combination of the axes, in a fixed order; a missing axis is its default. */
    public List<CellSpec> cells() {
        List<CellSpec> out = new ArrayList<>();
        for (Object data : axis("data", null))
            for (Object p : axis("parameterisation", null))
                for (Object w : axis("width", null))
                    for (Object d : axis("depth", null))
                        for (Object t : axis("train_steps", null))
                            for (Object b : axis("budget", "quick"))
                                for (Object seed : axis("seed", 0L))
                                    out.add(new CellSpec((String) data, (String) b, (Long) seed, (String) p, (Integer) w, (Integer) d,
                                            (Integer) t, report));
        return out;
    }

    /** The plan and its resolved cells (written to DIR/plan.json). */
    public ObjectNode toJson() {
        ObjectNode o = Json.object().put("name", name).put("report", report);
        ObjectNode ax = o.putObject("axes");
        axes.forEach((k, v) -> {
            ArrayNode a = ax.putArray(k);
            v.forEach(x -> a.add(Json.MAPPER.valueToTree(x)));
        });
        ArrayNode cells = o.putArray("cells");
        for (CellSpec c : cells()) {
            ObjectNode cell = c.identity();
            cell.put("hash", c.hash());
            cells.add(cell);
        }
        return o;
    }
}
