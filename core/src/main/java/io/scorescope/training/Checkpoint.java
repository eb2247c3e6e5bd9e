package io.scorescope.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.ParamArray;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.SafeTensors;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.ScoreModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model folder: {@code model.safetensors} (weights, EMA, Adam state; metadata: model spec, training
 * config, step, training wall time so far, data description) and {@code loss.csv}. Written atomically; loading parses data only.
 */
public final class Checkpoint {
    public static final String WEIGHTS = "model.safetensors";
    public static final String LOSS = "loss.csv";
    static final String FORMAT = "scorescope-checkpoint/1";

    /** What a checkpoint holds; {@code wallSeconds} is the training wall time up to {@code step}, over all runs (0 if unrecorded). */
    public record Loaded(ScoreModel model, TrainConfig config, int step, double wallSeconds, ObjectNode data, List<LossRecord> history) {}

    /** How far a checkpoint's run has come: its step and the training wall time so far (0 if unrecorded). */
    public record Progress(int step, double wallSeconds) {}

    private Checkpoint() {}

    /** The step and wall time of the checkpoint in dir, from its metadata, without building the model. */
    public static Progress progress(Path dir) {
        Map<String, String> meta = SafeTensors.read(dir.resolve(WEIGHTS)).metadata();
        try {
            return new Progress(Integer.parseInt(meta.get("step")), wallSeconds(meta));
        } catch (RuntimeException e) {
            throw new InputException(dir.resolve(WEIGHTS) + ": corrupt checkpoint metadata (" + e.getMessage() + ")");
        }
    }

    private static double wallSeconds(Map<String, String> meta) {
        return meta.containsKey("wall_seconds") ? Double.parseDouble(meta.get("wall_seconds")) : 0;
    }

    static void save(Path dir, ScoreModel model, TrainConfig config, int step, double wallSeconds, ObjectNode data, List<LossRecord> history) {
        List<List<String>> rows = new ArrayList<>();
        for (LossRecord r : history) rows.add(List.of(Csv.integer(r.step()), Csv.number(r.loss()), Csv.number(r.lr())));
        Csv.writeCells(dir.resolve(LOSS), List.of("step", "loss", "lr"), rows);
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
        model.network().state().forEach((k, v) -> tensors.put(k, new SafeTensors.Entry(v.shape(), v.data())));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("model_spec", Json.toString(model.spec().toJson()));
        meta.put("train_config", Json.toString(config.toJson()));
        meta.put("step", Integer.toString(step));
        meta.put("wall_seconds", Double.toString(wallSeconds));
        meta.put("adam_steps", Long.toString(model.network().adamSteps()));
        meta.put("data", Json.toString(data));
        SafeTensors.write(dir.resolve(WEIGHTS), tensors, meta);
    }

    /** Loads a model folder (or a .safetensors file) written by {@code scorescope train}. */
    public static Loaded load(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(WEIGHTS) : dirOrFile;
        if (!Files.exists(file)) throw new InputException("no checkpoint at " + file + " (expected a folder written by 'scorescope train')");
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get("format"))) throw new InputException(file + ": not a Scorescope checkpoint (format '" + meta.get("format") + "')");
        try {
            ModelSpec spec = ModelSpec.fromJson((ObjectNode) Json.MAPPER.readTree(meta.get("model_spec")));
            TrainConfig cfg = TrainConfig.fromJson((ObjectNode) Json.MAPPER.readTree(meta.get("train_config")));
            int step = Integer.parseInt(meta.get("step"));
            double wall = wallSeconds(meta);
            long adamSteps = Long.parseLong(meta.get("adam_steps"));
            ObjectNode data = (ObjectNode) Json.MAPPER.readTree(meta.get("data"));
            Map<String, ParamArray> state = new LinkedHashMap<>();
            c.tensors().forEach((k, v) -> state.put(k, new ParamArray(v.shape(), v.data())));
            long expected = ScoreModel.parameterCount(spec);
            ParamArray param = state.get("param");
            if (param == null || param.data().length != expected)   // checked before building: a forged spec must not allocate
                throw new InputException(file + ": checkpoint does not match its model spec (" + (param == null ? "no tensor param"
                        : "tensor param has " + param.data().length + " values, the spec needs " + expected) + ")");
            ScoreModel model = ScoreModel.create(spec, cfg.seed());
            try {
                model.network().load(state, adamSteps);
            } catch (IllegalArgumentException e) {
                throw new InputException(file + ": checkpoint does not match its model spec (" + e.getMessage() + ")");
            }
            Path dir = file.toAbsolutePath().getParent();
            return new Loaded(model, cfg, step, wall, data, readHistory(dir.resolve(LOSS), step));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            throw new InputException(file + ": corrupt checkpoint metadata (" + problem(e) + ")", e);
        }
    }

    /** What is wrong with the metadata, in words. */
    private static String problem(Exception e) {
        if (e instanceof IOException) return "not valid JSON";
        if (e instanceof NumberFormatException) return "a number is malformed";
        if (e instanceof NullPointerException) return "a field is missing";
        if (e instanceof ClassCastException) return "a field has the wrong type";
        return "unexpected content";
    }

    /** The loss rows up to {@code step}; rows written after the checkpoint (a crash between writes) are dropped. */
    static List<LossRecord> readHistory(Path csv, int step) {
        List<LossRecord> out = new ArrayList<>();
        if (!Files.exists(csv)) return out;
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                if (f.length != 3) throw new InputException(csv + " line " + (i + 1) + ": expected step,loss,lr");
                LossRecord r = new LossRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
                if (r.step() <= step) out.add(r);
            }
        } catch (NumberFormatException e) {
            throw new InputException(csv + ": malformed loss history (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException(csv + ": cannot read the loss history (" + AtomicFiles.describe(e) + ")", e);
        }
        return out;
    }
}
