package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.scorescope.io.Json;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Escaping is lossless and leaves nothing that can end a script element or open markup. */
class EscapingPropertiesTest {
    @Property(tries = 300)
    void scriptJsonRoundTripsAndHasNoAngleBrackets(@ForAll String s) throws Exception {
        String safe = Html.scriptJson(Json.toString(Json.object().put("s", s)));
        assertFalse(safe.contains("<") || safe.contains(">") || safe.contains("\u2028"), safe);
        assertEquals(s, Json.MAPPER.readTree(safe).get("s").asText());
    }

    @Property(tries = 300)
    void textEscapingRemovesMarkupCharacters(@ForAll String s) {
        String t = Html.text(s);
        assertFalse(t.contains("<") || t.contains(">") || t.contains("\"") || t.contains("'"), t);
        assertEquals(s, t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
    }
}
