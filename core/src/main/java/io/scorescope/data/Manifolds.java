package io.scorescope.data;

import io.scorescope.io.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The built-in manifolds by CLI spec "name[:key=value,...]":
 * <ul>
 *   <li>{@code circle[:density=vonmises|uniform]} — {@link Circle};</li>
 *   <li>{@code sphere[:density=vmf|uniform]} — {@link Sphere}, the default toy;</li>
 *   <li>{@code torus[:density=vonmises|uniform]} — {@link Torus};</li>
 *   <li>{@code swiss-roll} — {@link SwissRoll}; {@code helix} — {@link Helix};</li>
 *   <li>{@code ksphere[:k=2,D=5,seed=1,density=vmf|uniform]} — {@link KSphere};</li>
 *   <li>{@code affine[:k=3,D=10,seed=1]} — {@link AffinePlane};</li>
 *   <li>{@code mixed} — {@link MixedUnion}.</li>
 * </ul>
 */
public final class Manifolds {
    private static final Map<String, Function<ManifoldSpec, Manifold>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("circle", Circle::fromSpec);
        REGISTRY.put("sphere", Sphere::fromSpec);
        REGISTRY.put("torus", Torus::fromSpec);
        REGISTRY.put("swiss-roll", SwissRoll::fromSpec);
        REGISTRY.put("helix", Helix::fromSpec);
        REGISTRY.put("ksphere", KSphere::fromSpec);
        REGISTRY.put("affine", AffinePlane::fromSpec);
        REGISTRY.put("mixed", MixedUnion::fromSpec);
    }

    private Manifolds() {}

    /** The manifold for a spec such as "sphere", "ksphere:k=2,D=5" or "sphere:density=uniform". */
    public static Manifold byName(String spec) {
        ManifoldSpec s = ManifoldSpec.parse(spec);
        Function<ManifoldSpec, Manifold> make = REGISTRY.get(s.name());
        if (make == null)
            throw new InputException("unknown manifold '" + s.name() + "' (known: " + String.join(", ", names()) + ")");
        return make.apply(s);
    }

    /** The known names, in a fixed order. */
    public static List<String> names() { return List.copyOf(REGISTRY.keySet()); }
}
