package io.scorescope.data;

import io.scorescope.math.Mat;

/** Shared plumbing: the normal basis is the orthogonal complement of the tangent basis. */
public abstract class AbstractManifold implements Manifold {
    @Override
    public Mat normalBasis(double[] x) { return Frames.complement(tangentBasis(x)); }

    @Override
    public String toString() { return describe(); }

    /** Throws unless x has the ambient dimension. */
    protected final void checkDim(double[] x) {
        if (x.length != ambientDim())
            throw new IllegalArgumentException(name() + ": point has dimension " + x.length + ", expected " + ambientDim());
    }
}
