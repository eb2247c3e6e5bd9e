package io.scorescope.report;

import java.util.List;

/**
 * One claim's part of the report.
 *
 * @param id         HTML id and file-name stem (letters, digits, '_', '-')
 * @param title      heading
 * @param claim      claim id, e.g. "A2" (may be empty for sections that state no claim)
 * @param verdict    verdict and its one-line rule
 * @param definition the definition / formula used, as plain text
 * @param numbers    key numbers with their references
 * @param figures    figures, in display order
 * @param table      optional table (null if none)
 * @param paragraphs free text paragraphs
 */
public record Section(String id, String title, String claim, Badge verdict, String definition,
                      List<KeyNumber> numbers, List<Figure> figures, Table table, List<String> paragraphs) {
    public Section {
        Checks.id(id);
        Checks.text(title, "title");
        claim = claim == null ? "" : claim;
        java.util.Objects.requireNonNull(verdict, "verdict");
        definition = definition == null ? "" : definition;
        numbers = Checks.list(numbers, "numbers");
        figures = Checks.list(figures, "figures");
        paragraphs = Checks.list(paragraphs, "paragraphs");
    }
}
