package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link UnetTangents#rowConv} against libtorch's conv2d, on shapes where every border case occurs. */
class RowConvTest {
    @ParameterizedTest
    @CsvSource({"5, 3, 5, 7, 4, 3", "2, 4, 1, 1, 3, 3", "3, 2, 2, 3, 2, 3", "4, 6, 7, 7, 5, 1", "1, 1, 3, 4, 1, 5", "6, 3, 8, 5, 2, 5"})
    void matchesConv2dWithSamePadding(int tangents, int in, int height, int width, int out, int kernel) {
        Engine.init();
        torch.manual_seed(kernel * 100 + height);
        try (Engine.Scope s = Engine.scope()) {
            TensorOptions f64 = new TensorOptions(torch.ScalarType.Double);
            Tensor t = torch.randn(new long[] {tangents, in, height, width}, f64), w = torch.randn(new long[] {out, in, kernel, kernel}, f64);
            long pad = (kernel - 1) / 2;
            Tensor ref = torch.conv2d(t, w, new TensorOptional(), new long[] {1, 1}, new long[] {pad, pad}, new long[] {1, 1}, 1);
            // contiguous input, and input already in the row layout (a permuted view, as the tangent pass passes it)
            Tensor rowLaid = t.permute(2, 1, 3, 0).contiguous().permute(3, 1, 0, 2);
            for (Tensor input : new Tensor[] {t, rowLaid}) {
                Tensor got = UnetTangents.rowConv(input, w, pad);
                double err = got.sub(ref).abs().max().item_double(), scale = ref.abs().max().item_double();
                assertTrue(err <= 1e-13 * scale, "relative error " + err / scale);
                assertTrue(java.util.Arrays.equals(got.sizes().vec().get(), ref.sizes().vec().get()), "shape");
            }
        }
    }
}
