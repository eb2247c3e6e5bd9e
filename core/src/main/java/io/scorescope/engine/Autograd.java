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

    /**
     * The conservative score g = a x - b grad_x F(cIn x) of a per-row scalar F(u) (rows of {@code f}'s result,
     * summed before differentiation), differentiated with a graph when {@code createGraph} (training, Jacobians) and
     * detached otherwise. {@code x} is used as the leaf if it already requires grad, else a detached copy.
     */
    static Tensor energyScore(Tensor x, CoeffTensors k, java.util.function.UnaryOperator<Tensor> f, boolean createGraph) {
        Tensor xin = x;
        if (!x.requires_grad()) {
            xin = x.detach();
            xin.set_requires_grad(true);
        }
        Tensor energy = f.apply(xin.mul(k.cIn())).sum();
        Tensor gradF = torch.grad(new TensorVector(energy), new TensorVector(xin), new TensorVector(),
                new BoolOptional(createGraph), createGraph, false).get(0);     // = cIn grad_u F
        Tensor g = xin.mul(k.a()).sub(gradF.mul(k.b()));
        return createGraph ? g : g.detach();
    }
}
