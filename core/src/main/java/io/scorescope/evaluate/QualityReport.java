package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sample quality of a model, as written into summary.json and printed by {@code evaluate --json}. */
public interface QualityReport {
    ObjectNode toJson();
}
