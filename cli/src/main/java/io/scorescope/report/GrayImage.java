package io.scorescope.report;

/**
 * A small image of real values in row-major order, e.g. a singular vector of a 28x28 image model.
 *
 * @param caption text under the image
 * @param width   columns
 * @param height  rows
 * @param values  width * height values (copied)
 * @param palette how values map to colours
 */
public record GrayImage(String caption, int width, int height, double[] values, Palette palette) {
    /** GRAY: min..max to black..white. DIVERGING: symmetric about 0, blue (negative) to red (positive). */
    public enum Palette { GRAY, DIVERGING }

    public GrayImage {
        caption = caption == null ? "" : caption;
        if (width < 1 || height < 1) throw new IllegalArgumentException("image size " + width + "x" + height);
        values = Checks.sameLength(values, width * height, "values");
        java.util.Objects.requireNonNull(palette, "palette");
    }

    public double value(int col, int row) { return values[row * width + col]; }
}
