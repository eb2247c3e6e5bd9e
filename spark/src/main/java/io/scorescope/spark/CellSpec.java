package io.scorescope.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.experiment.Overrides;
import io.scorescope.io.Json;
import io.scorescope.model.Parameterisation;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One cell of a sweep: one {@code reproduce} pipeline run. A null network component keeps the data kind's default.
 * Its identity ({@link #hash}) is the SHA-256 of the canonical JSON of its configuration ({@link #identity}: sorted
 * keys, explicit nulls); whether a report is written is not part of it.
 *
 * @param data             a built-in manifold or image spec
 * @param budget           full, quick or tiny
 * @param seed             the seed of every random stream of the run
 * @param parameterisation the score model's parameterisation (cli name), or null
 * @param width            hidden width of both networks, or null
 * @param depth            depth of both networks, or null
 * @param trainSteps       DSM steps of both networks, or null (the budget's)
 * @param report           also write report.html, figures and tables into the cell folder
 */
public record CellSpec(String data, String budget, long seed, String parameterisation, Integer width, Integer depth,
                       Integer trainSteps, boolean report) implements Serializable {

    /** The canonical configuration: what the hash is taken of. */
    public ObjectNode identity() {
        ObjectNode o = Json.object();   // keys in alphabetical order
        o.put("budget", budget).put("data", data);
        if (depth == null) o.putNull("depth"); else o.put("depth", depth);
        if (parameterisation == null) o.putNull("parameterisation"); else o.put("parameterisation", parameterisation);
        o.put("seed", seed);
        if (trainSteps == null) o.putNull("train_steps"); else o.put("train_steps", trainSteps);
        if (width == null) o.putNull("width"); else o.put("width", width);
        return o;
    }

    /** Lower-case hex SHA-256 of the compact canonical JSON. */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identity().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Overrides overrides() {
        return new Overrides(parameterisation == null ? null : Parameterisation.byName(parameterisation), width, depth, trainSteps);
    }
}
