package io.scorescope.engine;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** Products with the Jacobian J = dy/dx of a recorded graph, row by row of a batch. */
final class Autograd {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    private Autograd() {}

    /** u^T J (row i = J_i^T u_i): one backward pass with grad_outputs = u. */
    static Tensor vjp(Tensor y, Tensor x, Tensor u) {
        return torch.grad(new TensorVector(y), new TensorVector(x), new TensorVector(u),
                new BoolOptional(false), false, false).get(0);
    }
}
