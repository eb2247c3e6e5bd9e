package io.scorescope.report;

import java.util.List;

/** A table of text cells; every row has as many cells as the header. */
public record Table(List<String> header, List<List<String>> rows) {
    public Table {
        header = Checks.list(header, "header");
        rows = Checks.list(rows, "rows").stream().map(r -> Checks.list(r, "row")).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new IllegalArgumentException("table row " + i + " has " + rows.get(i).size()
                        + " cells, header has " + header.size());
            }
        }
    }
}
