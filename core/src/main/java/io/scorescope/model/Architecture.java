package io.scorescope.model;

import io.scorescope.io.InputException;

/**
 * The network family of a score model: {@code mlp} (any data; hidden x depth) or {@code unet} (images of
 * channels x height x width, height and width multiples of 4; hidden is its base channel width, and
 * {@code bottleneck} the number of residual blocks at a quarter of the resolution).
 */
public record Architecture(Kind kind, int channels, int height, int width, int bottleneck) {
    public enum Kind { MLP, UNET }

    public static final Architecture MLP = new Architecture(Kind.MLP, 0, 0, 0, 0);

    public Architecture {
        if (kind == Kind.UNET && (channels < 1 || height < 4 || width < 4 || height % 4 != 0 || width % 4 != 0))
            throw new InputException("--arch unet needs images with height and width multiples of 4, got "
                    + channels + "x" + height + "x" + width);
        if (kind == Kind.UNET && bottleneck < 1)
            throw new InputException("--bottleneck-blocks must be >= 1, got " + bottleneck);
    }

    /** A U-Net with one residual block at the lowest resolution. */
    public static Architecture unet(int channels, int height, int width) { return unet(channels, height, width, 1); }

    public static Architecture unet(int channels, int height, int width, int bottleneck) {
        return new Architecture(Kind.UNET, channels, height, width, bottleneck);
    }

    public String cliName() { return kind == Kind.MLP ? "mlp" : "unet"; }
}
