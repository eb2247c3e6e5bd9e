package io.scorescope.engine;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** A {@link Conditioning} as column tensors a, b, cIn ([n, 1]) and features ([n, F]). */
record CoeffTensors(Tensor a, Tensor b, Tensor cIn, Tensor feats) {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    static CoeffTensors of(Conditioning c, torch.ScalarType type) {
        boolean f32 = type == torch.ScalarType.Float;
        Tensor a = (f32 ? Tensors.float32(c.a()) : Tensors.float64(c.a())).unsqueeze(1);
        Tensor b = (f32 ? Tensors.float32(c.b()) : Tensors.float64(c.b())).unsqueeze(1);
        Tensor ci = (f32 ? Tensors.float32(c.cIn()) : Tensors.float64(c.cIn())).unsqueeze(1);
        Tensor f = f32 ? Tensors.float32(c.features()) : Tensors.float64(c.features());
        return new CoeffTensors(a, b, ci, f);
    }

    /** Each row repeated r times in place (row i becomes rows i*r .. i*r + r - 1). */
    CoeffTensors repeatRows(int r) {
        return new CoeffTensors(rep(a, r), rep(b, r), rep(cIn, r), rep(feats, r));
    }

    /** The rows at the given indices (a long tensor), in that order. */
    CoeffTensors select(Tensor idx) {
        return new CoeffTensors(a.index_select(0, idx), b.index_select(0, idx), cIn.index_select(0, idx), feats.index_select(0, idx));
    }

    private static Tensor rep(Tensor t, int r) {
        return t.repeat_interleave(r, new LongOptional(0), new LongOptional());
    }
}
