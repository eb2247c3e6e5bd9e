package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cheapest strong check of the whole verdict machinery, end to end: on the default sphere ({@code reproduce
 * --quick}, whose model's sequences reach the manifold), the exact field analysed at the model's sequence points
 * passes A2-rise, A4 and A5, and the energy control is never found non-conservative (A3 "not evaluated" or "does not
 * hold").
 */
class ExactFieldVerdictsTest {
    @Test
    void theExactFieldPassesA2RiseA4AndA5AndTheControlNeverPassesA3(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("reproduce", "--quick", "--seed", "0", "--out", dir.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode claims = Json.MAPPER.readTree(dir.resolve(ReproduceCommand.SUMMARY).toFile()).get("claims");
        for (String key : List.of("A2_dimension_rises", "A4_normal_projection", "A5_effective_overlap"))
            assertEquals("holds", claims.get(key).get("exact").get("verdict").asText(), key + ": " + claims.get(key).get("exact"));
        String control = claims.get("A3_nonconservative_within").get("control").get("verdict").asText();
        assertTrue(control.equals("not evaluated") || control.equals("does not hold"), control);
    }
}
