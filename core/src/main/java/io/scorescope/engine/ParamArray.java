package io.scorescope.engine;

/** A named float32 array with its shape: the unit of checkpoint state. */
public record ParamArray(long[] shape, float[] data) {
    public ParamArray {
        long n = 1;
        for (long s : shape) n *= s;
        if (n != data.length) throw new IllegalArgumentException("shape does not match data length");
    }
}
