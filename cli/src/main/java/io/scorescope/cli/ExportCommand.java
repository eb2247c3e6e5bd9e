package io.scorescope.cli;

import io.scorescope.io.InputException;
import io.scorescope.model.TorchScriptExport;
import io.scorescope.model.TorchScriptField;
import io.scorescope.training.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scorescope export}: a trained model as a TorchScript module (forward(x, sigma)), see docs/torchscript.md. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Write a trained model as a TorchScript module forward(x: [B, D], sigma: [B]) -> [B, D] "
                + "(loadable with torch.jit.load, or re-imported with --field torchscript:FILE).")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder written by 'scorescope train'.") Path model;
    @Option(names = "--out", required = true, description = "TorchScript file to write (.pt).") Path out;
    @Option(names = "--output", defaultValue = "score",
            description = "What forward returns: score, eps (-sigma g), denoiser (x + sigma^2 g), or energy (energy models). Default: ${DEFAULT-VALUE}.")
    String output;

    @Override public Integer call() {
        TorchScriptField.Kind kind = TorchScriptField.Kind.byName(output);
        if (Files.isDirectory(out)) throw new InputException("--out " + out + " is a folder; expected a file such as model.pt");
        Checkpoint.Loaded ckpt = Checkpoint.load(model);
        TorchScriptExport.write(ckpt.model(), kind, out);
        System.out.printf("%s (%s output, D=%d) written to %s%n", ckpt.model().describe(), kind.cliName(), ckpt.model().dim(), out);
        return 0;
    }
}
