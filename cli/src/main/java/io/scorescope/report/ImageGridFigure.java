package io.scorescope.report;

import java.util.List;

/** A grid of small images with captions (image features, heat maps). */
public record ImageGridFigure(String id, String title, int columns, List<GrayImage> images) implements Figure {
    public ImageGridFigure {
        Checks.id(id);
        Checks.text(title, "title");
        images = Checks.list(images, "images");
        if (images.isEmpty()) throw new IllegalArgumentException("figure " + id + " has no images");
        if (columns < 1) throw new IllegalArgumentException("columns must be >= 1");
    }
}
