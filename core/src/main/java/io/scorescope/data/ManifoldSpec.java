package io.scorescope.data;

import io.scorescope.io.InputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed manifold spec "name" or "name:key=value,key=value", e.g. "ksphere:k=2,D=5" or
 * "sphere:density=uniform". Keys are case-sensitive; unknown keys and malformed values are user errors.
 */
public record ManifoldSpec(String name, Map<String, String> params) {

    public static ManifoldSpec parse(String spec) {
        if (spec == null || spec.isBlank()) throw new InputException("manifold spec is empty");
        String s = spec.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String part : s.substring(colon + 1).split(",")) {
                if (part.isBlank()) continue;
                int eq = part.indexOf('=');
                if (eq <= 0 || eq == part.length() - 1)
                    throw new InputException("manifold spec '" + spec + "': expected key=value, found '" + part.strip() + "'");
                String key = part.substring(0, eq).strip();
                if (params.put(key, part.substring(eq + 1).strip()) != null)
                    throw new InputException("manifold spec '" + spec + "': parameter '" + key + "' given twice");
            }
        }
        return new ManifoldSpec(name, Map.copyOf(params));
    }

    /** Throws unless every given key is among {@code known}. */
    public void allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String k : new TreeSet<>(params.keySet()))
            if (!allowed.contains(k))
                throw new InputException("manifold '" + name + "': unknown parameter '" + k + "' (known: "
                        + (known.length == 0 ? "none" : String.join(", ", known)) + ")");
    }

    public int intParam(String key, int def, int min, int max) {
        String v = params.get(key);
        if (v == null) return def;
        int r;
        try { r = Integer.parseInt(v); } catch (NumberFormatException e) {
            throw new InputException("manifold '" + name + "': " + key + "=" + v + " is not an integer");
        }
        if (r < min || r > max)
            throw new InputException("manifold '" + name + "': " + key + "=" + r + " is outside [" + min + ", " + max + "]");
        return r;
    }

    public long longParam(String key, long def) {
        String v = params.get(key);
        if (v == null) return def;
        try { return Long.parseLong(v); } catch (NumberFormatException e) {
            throw new InputException("manifold '" + name + "': " + key + "=" + v + " is not an integer");
        }
    }

    /** One of the allowed words; the first allowed word is not implicitly the default. */
    public String choice(String key, String def, String... allowed) {
        String v = params.getOrDefault(key, def);
        if (!Arrays.asList(allowed).contains(v))
            throw new InputException("manifold '" + name + "': " + key + "=" + v + " is not one of " + String.join(", ", allowed));
        return v;
    }
}
