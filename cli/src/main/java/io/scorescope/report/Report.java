package io.scorescope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole report: title, subtitle, provenance (seeds, versions, settings) and sections.
 * Section ids and figure ids must be unique, since they name HTML elements and files.
 */
public record Report(String title, String subtitle, JsonNode provenance, List<Section> sections) {
    public Report {
        Checks.text(title, "title");
        subtitle = subtitle == null ? "" : subtitle;
        provenance = provenance == null ? NullNode.getInstance() : provenance.deepCopy();
        sections = Checks.list(sections, "sections");
        Set<String> ids = new HashSet<>();
        for (Section s : sections) {
            unique(ids, "section " + s.id());
            for (Figure f : s.figures()) unique(ids, "figure " + f.id());
        }
    }

    /** All figures in document order. */
    public List<Figure> figures() {
        return sections.stream().flatMap(s -> s.figures().stream()).toList();
    }

    private static void unique(Set<String> seen, String kindAndId) {
        String id = kindAndId.substring(kindAndId.indexOf(' ') + 1);
        if (!seen.add(id)) throw new IllegalArgumentException("duplicate id: " + kindAndId);
    }
}
