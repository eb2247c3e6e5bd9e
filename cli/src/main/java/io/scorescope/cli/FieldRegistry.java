package io.scorescope.cli;

import io.scorescope.data.Manifolds;
import io.scorescope.field.FieldSpecs;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.ScoreField;
import io.scorescope.sde.TorchScriptSpec;
import io.scorescope.training.Checkpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every {@code --field SPEC} the CLI accepts: the analytic specs of {@link FieldSpecs}
 * ({@code gaussian:}, {@code rotating-gaussian:}, {@code mixture:}), plus {@code manifold:NAME} (a built-in
 * manifold's exact smoothed score), {@code model:DIR} (a trained model) and
 * {@code torchscript:PATH[:score|eps|denoiser|energy][:ve|vp|vp=BMIN,BMAX][:dim=D|:shape=C,H,W]} (a model trained elsewhere).
 */
final class FieldRegistry {
    private FieldRegistry() {}

    static Map<String, Function<String, ScoreField>> prefixes() {
        Map<String, Function<String, ScoreField>> m = new LinkedHashMap<>();
        m.put("manifold", name -> new ManifoldField(Manifolds.byName(name)));
        m.put("model", dir -> Checkpoint.load(Path.of(dir)).model());
        m.put("torchscript", TorchScriptSpec::fromSpec);
        return m;
    }

    static ScoreField resolve(String spec) { return FieldSpecs.parse(spec, prefixes()); }
}
