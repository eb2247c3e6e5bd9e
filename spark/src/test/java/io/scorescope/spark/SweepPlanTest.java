package io.scorescope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {
    @TempDir Path tmp;

    private SweepPlan plan(String yaml) throws Exception {
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, yaml);
        return SweepPlan.read(f);
    }

    @Test void everyCombinationIsACellWithDefaults() throws Exception {
        SweepPlan p = plan("name: t\naxes:\n  data: [sphere, circle]\n  width: [32, 64]\n  seed: [0, 1, 2]\n");
        List<CellSpec> cells = p.cells();
        assertEquals(12, cells.size());
        assertEquals(12, new HashSet<>(cells.stream().map(CellSpec::hash).toList()).size());
        CellSpec c = cells.get(0);
        assertEquals("sphere", c.data());
        assertEquals("quick", c.budget());
        assertNull(c.parameterisation());
        assertEquals(32, c.width());
        assertEquals(0L, c.seed());
    }

    @Test void theHashIsOfTheConfigurationOnly() {
        CellSpec a = new CellSpec("sphere", "tiny", 3, "eps", null, null, null, false);
        CellSpec b = new CellSpec("sphere", "tiny", 3, "eps", null, null, null, true);
        assertEquals(a.hash(), b.hash());
        assertEquals("{\"budget\":\"tiny\",\"data\":\"sphere\",\"depth\":null,\"parameterisation\":\"eps\",\"seed\":3,\"train_steps\":null,\"width\":null}",
                a.identity().toString());
        assertEquals(64, a.hash().length());
        assertNotEquals(a.hash(), new CellSpec("sphere", "tiny", 4, "eps", null, null, null, false).hash());
    }

    @Test void theExamplePlansAreValidAndTheQuickOneHas12Cells() {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        assertEquals(12, SweepPlan.read(root.resolve("examples/atlas-quick.yaml")).cells().size());
        assertTrue(SweepPlan.read(root.resolve("examples/atlas-full.yaml")).cells().size() > 12);
    }

    @Test void badPlansAreOneClearLine() throws Exception {
        assertMessage("unknown axis 'colour'", "name: t\naxes:\n  data: [sphere]\n  colour: [red]\n");
        assertMessage("unknown data spec 'nosuch'", "name: t\naxes:\n  data: [nosuch]\n");
        assertMessage("is empty, so the grid has no cell", "name: t\naxes:\n  data: [sphere]\n  seed: []\n");
        assertMessage("unknown budget", "name: t\naxes:\n  data: [sphere]\n  budget: [huge]\n");
        assertMessage("unknown parameterisation", "name: t\naxes:\n  data: [sphere]\n  parameterisation: [foo]\n");
        assertMessage("expected a positive integer", "name: t\naxes:\n  data: [sphere]\n  width: [0]\n");
        assertMessage("has no name", "axes:\n  data: [sphere]\n");
        assertMessage("not valid YAML", "name: t\naxes: [\n");
        InputException e = assertThrows(InputException.class, () -> SweepPlan.read(tmp.resolve("missing.yaml")));
        assertTrue(e.getMessage().startsWith("cannot read plan"), e.getMessage());
    }

    private void assertMessage(String part, String yaml) {
        InputException e = assertThrows(InputException.class, () -> plan(yaml));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
