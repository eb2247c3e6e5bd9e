package io.scorescope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import org.junit.jupiter.api.Test;

class ManifoldsTest {
    @Test void everyNameBuildsItsManifold() {
        assertEquals(java.util.List.of("circle", "sphere", "torus", "swiss-roll", "helix", "ksphere", "affine", "mixed"),
                Manifolds.names());
        for (String name : Manifolds.names()) {
            Manifold m = Manifolds.byName(name);
            assertEquals(name, m.name());
            assertTrue(m.describe().startsWith(name + ":"), m.describe());
        }
    }

    @Test void parametersAreParsed() {
        Manifold k = Manifolds.byName("ksphere:k=3,D=7");
        assertEquals(3, k.intrinsicDim());
        assertEquals(7, k.ambientDim());
        Manifold a = Manifolds.byName(" affine:k=2, D=9 ,seed=3");
        assertEquals(2, a.intrinsicDim());
        assertEquals(9, a.ambientDim());
        assertTrue(((Sphere) Manifolds.byName("sphere:density=uniform")).isUniform());
        assertEquals(5, Manifolds.byName("ksphere").ambientDim());
        // the embedding is deterministic: same spec, same frame; another seed, another frame
        assertEquals(((KSphere) Manifolds.byName("ksphere")).frame(), ((KSphere) Manifolds.byName("ksphere:seed=1")).frame());
        assertTrue(!((KSphere) Manifolds.byName("ksphere:seed=2")).frame().equals(((KSphere) Manifolds.byName("ksphere")).frame()));
    }

    @Test void badSpecsAreOneLineUserErrors() {
        InputException e = assertThrows(InputException.class, () -> Manifolds.byName("shpere"));
        assertTrue(e.getMessage().contains("known: circle, sphere"), e.getMessage());
        for (String bad : new String[] {"", "sphere:foo=1", "sphere:density=gauss", "ksphere:k=x", "ksphere:k=3,density=vmf",
            "ksphere:k=4,D=4", "affine:k=0", "helix:k=1", "sphere:density", "ksphere:k=2,k=3"}) {
            InputException x = assertThrows(InputException.class, () -> Manifolds.byName(bad), bad);
            assertTrue(!x.getMessage().contains("\n") && !x.getMessage().isBlank(), bad);
        }
    }
}
