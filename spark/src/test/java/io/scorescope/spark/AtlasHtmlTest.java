package io.scorescope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.experiment.Claim;
import io.scorescope.io.Json;
import io.scorescope.testsupport.BrowserCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atlas page and table from synthetic rows (no Spark): typed columns, CSV, and the headless-browser check. */
class AtlasHtmlTest {
    @TempDir Path tmp;

    static List<ObjectNode> rows() {
        List<ObjectNode> rows = new ArrayList<>();
        String[] verdicts = {"holds", "does not hold", "not evaluated"};
        int i = 0;
        for (String data : List.of("sphere", "torus"))
            for (String p : List.of("eps", "edm"))
                for (int seed = 0; seed < 3; seed++, i++) {
                    ObjectNode o = Json.object().put("cell", String.format("%064x", i)).put("data", data).put("kind", "manifold")
                            .put("budget", "quick").put("seed", seed).put("parameterisation", p).put("width", 128).put("depth", 4)
                            .put("train_steps", 3000);
                    for (Claim c : Claim.values()) {
                        o.put(c.key() + "__verdict", verdicts[(i + c.ordinal()) % 3]);
                        o.put(c.key() + "__reason", i % 3 == 2 ? "no level, at all" : null);
                        o.put(c.key() + "__" + AtlasHtml.KEY_NUMBER.get(c), 0.1 * i + c.ordinal());
                    }
                    o.putNull("A3_nonconservative_within__band_high__r_tt_median");
                    o.put("report", i % 2 == 0).put("seconds", 90.5 + i);
                    rows.add(o);
                }
        return rows;
    }

    @Test void columnsAreTypedAndTheCsvHasOneRowPerCell() throws Exception {
        Atlas a = new Atlas("synthetic", rows());
        var types = a.columns().stream().collect(java.util.stream.Collectors.toMap(Atlas.Column::name, Atlas.Column::type));
        assertEquals(Atlas.Type.LONG, types.get("seed"));
        assertEquals(Atlas.Type.STRING, types.get("data"));
        assertEquals(Atlas.Type.DOUBLE, types.get("A3_nonconservative_within__r_tt_median"));
        assertEquals(Atlas.Type.DOUBLE, types.get("A3_nonconservative_within__band_high__r_tt_median"));
        assertEquals(Atlas.Type.BOOLEAN, types.get("report"));
        assertEquals(Atlas.Type.STRING, types.get("A2_dimension_rises__reason"));
        a.writeCsv(tmp.resolve("atlas.csv"));
        List<String> lines = Files.readAllLines(tmp.resolve("atlas.csv"));
        assertEquals(13, lines.size());
        assertTrue(lines.get(3).contains("\"no level, at all\""), lines.get(3));
        assertEquals(a.columns().size(), a.schema().fields().length);
        assertEquals(12, a.sparkRows().size());
    }

    @Test void thePagePassesTheBrowserCheck() {
        Path html = tmp.resolve("atlas.html");
        AtlasHtml.write(new Atlas("synthetic", rows()), html);
        var chromium = BrowserCheck.findChromium();
        assumeTrue(chromium.isPresent(), "no chromium");
        try (BrowserCheck b = BrowserCheck.launch(chromium.get())) {
            Path shots = Path.of(System.getProperty("atlas.screenshots", tmp.resolve("shots").toString()));
            io.scorescope.io.AtomicFiles.ensureWritableDir(shots);
            BrowserCheck.Result r = b.check(html, shots);
            assertTrue(r.clean(), r.toString());
            assertEquals(Boolean.TRUE, r.figures().get("atlas-heatmap"), r.toString());
        }
    }
}
