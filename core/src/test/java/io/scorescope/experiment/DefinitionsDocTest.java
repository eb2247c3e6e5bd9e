package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.lid.LidEstimators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/science.md is the repository's account of every definition and rule: every definition key that provenance
 * cites must be a section ("## key"), every claim key a verdict rule ("### key"), every LID estimator named in its
 * section.
 */
class DefinitionsDocTest {
    static final Path DOC = Path.of("..").resolve(Definitions.DOC);

    static List<String> headings(String text, String prefix) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n"))
            if (line.startsWith(prefix)) out.add(line.substring(prefix.length()).trim().split("[\\s\u2014]+")[0]);
        return out;
    }

    @Test
    void everyDefinitionKeyCitedInProvenanceHasASection() throws IOException {
        String doc = Files.readString(DOC);
        List<String> sections = headings(doc, "## ");
        Set<String> keys = new LinkedHashSet<>(Definitions.all().keySet());
        keys.addAll(Definitions.images().keySet());
        keys.addAll(List.of("dsm_loss", "parameterisation", "sample_sequences"));   // model and samples folders
        for (String k : keys) assertTrue(sections.contains(k), "docs/science.md has no '## " + k + "' section; it has " + sections);
    }

    @Test
    void everyClaimHasItsVerdictRuleAndEveryLidEstimatorIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        List<String> rules = headings(doc.substring(doc.indexOf("\n## verdicts")), "### ");
        for (Claim c : Claim.values()) assertTrue(rules.contains(c.key()), "no verdict rule '### " + c.key() + "' in docs/science.md");
        String lid = doc.substring(doc.indexOf("\n## lid"));
        for (String e : LidEstimators.NAMES) assertTrue(lid.contains(e), "LID estimator " + e + " is not documented");
    }

    @Test
    void provenanceCitesTheSectionOfEachDefinition() {
        var p = Definitions.define(io.scorescope.io.Provenance.of("test", 0, io.scorescope.io.Json.object()), Definitions.all());
        p.definitions().forEach((k, v) -> assertTrue(v.endsWith("(docs/science.md#" + k + ")"), v));
    }
}
