package io.scorescope.cli;

import io.scorescope.data.Manifolds;
import io.scorescope.field.FieldSpecs;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.ScoreField;
import io.scorescope.model.TorchScriptField;
import io.scorescope.sde.TorchScriptSpec;
import io.scorescope.training.Checkpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every {@code --field SPEC} the CLI accepts: the analytic specs of {@link FieldSpecs}
 * ({@code gaussian:}, {@code rotating-gaussian:}, {@code mixture:}), plus the kinds registered here:
 * {@code manifold:NAME} (a built-in manifold's exact smoothed score), {@code model:DIR} (a trained model) and
 * {@code torchscript:} (a model trained elsewhere, {@link TorchScriptField#SYNTAX}). Help texts list {@link #syntax()}.
 */
final class FieldRegistry {
    private FieldRegistry() {}

    /** A registered spec kind: its prefix (before the first ':'), its syntax for help texts and its parser. */
    record Kind(String prefix, String syntax, Function<String, ScoreField> parser) {}

    static final List<Kind> KINDS = List.of(
            new Kind("manifold", "manifold:NAME", name -> new ManifoldField(Manifolds.byName(name))),
            new Kind("model", "model:DIR", dir -> Checkpoint.load(Path.of(dir)).model()),
            new Kind("torchscript", TorchScriptField.SYNTAX, TorchScriptSpec::fromSpec));

    static Map<String, Function<String, ScoreField>> prefixes() {
        Map<String, Function<String, ScoreField>> m = new LinkedHashMap<>();
        for (Kind k : KINDS) m.put(k.prefix(), k.parser());
        return m;
    }

    /** Every accepted form: the analytic ones, then the registered kinds. */
    static List<String> syntax() {
        List<String> all = new ArrayList<>(FieldSpecs.SYNTAX);
        for (Kind k : KINDS) all.add(k.syntax());
        return all;
    }

    static ScoreField resolve(String spec) { return FieldSpecs.parse(spec, prefixes()); }

    /** {@link #syntax()} for picocli's ${COMPLETION-CANDIDATES} in help texts. */
    static final class Syntax implements Iterable<String> {
        @Override public Iterator<String> iterator() { return syntax().iterator(); }
    }
}
