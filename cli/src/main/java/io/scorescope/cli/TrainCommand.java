package io.scorescope.cli;

import io.scorescope.data.TrainingData;
import io.scorescope.experiment.ModelFolder;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.model.Architecture;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.training.Checkpoint;
import io.scorescope.training.NoiseDistribution;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scorescope train}: denoising score matching on a built-in manifold or a point file. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train a sigma-conditioned score model by denoising score matching.")
final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;
    @Option(names = "--data", defaultValue = "sphere", description = "Built-in manifold spec (see 'data list'), an image set (digits, mnist, fashion-mnist[:dir=PATH,digits=0,1,n=N,split=train]) or a .csv/.npy file. Default: ${DEFAULT-VALUE}.")
    String data;
    @Option(names = "--out", required = true, description = "Model folder to write (checkpoint, loss.csv, provenance.json).")
    Path out;
    @Option(names = "--model", defaultValue = "mlp", description = "mlp (vector field) or energy (g = -grad E, conservative). Default: ${DEFAULT-VALUE}.")
    String model;
    @Option(names = "--arch", defaultValue = "mlp", description = "Network: mlp, or unet (image data only; --hidden is its base channel width). Default: ${DEFAULT-VALUE}.")
    String arch;
    @Option(names = "--param", defaultValue = "eps", description = "Output parameterisation: score, eps or edm for --model mlp; eps (E = F/sigma) or edm (energy-edm: EDM skip) for --model energy. Default: ${DEFAULT-VALUE}.")
    String param;
    @Option(names = "--steps", defaultValue = "30000", description = "Training steps. Default: ${DEFAULT-VALUE}.")
    int steps;
    @Option(names = "--batch", defaultValue = "512", description = "Training points per step. Default: ${DEFAULT-VALUE}.") int batch;
    @Option(names = "--lr", defaultValue = "2e-3", description = "Peak Adam learning rate: linear warm-up over min(1000, steps / 10) steps, then cosine decay to 0. Default: ${DEFAULT-VALUE}.") double lr;
    @Option(names = "--hidden", defaultValue = "128", description = "MLP: width of each hidden layer; U-Net: base channel width. Default: ${DEFAULT-VALUE}.") int hidden;
    @Option(names = "--depth", defaultValue = "4", description = "MLP: number of hidden layers (a U-Net ignores it). Default: ${DEFAULT-VALUE}.") int depth;
    @Option(names = "--bottleneck-blocks", defaultValue = "1", description = "U-Net: residual blocks at a quarter of the resolution (an MLP ignores it). Default: ${DEFAULT-VALUE}.") int bottleneck;
    @Option(names = "--n-train", defaultValue = "20000", description = "Training points drawn from a built-in manifold. Default: ${DEFAULT-VALUE}.") int nTrain;
    @Option(names = "--sigma-min", defaultValue = "0.01", description = "Smallest training noise level; samplers end here unless told otherwise. Default: ${DEFAULT-VALUE}.") double sigmaMin;
    @Option(names = "--sigma-max", defaultValue = "2", description = "Largest training noise level; samplers start here unless told otherwise. Default: ${DEFAULT-VALUE}.") double sigmaMax;
    @Option(names = "--noise", defaultValue = "log-uniform", description = "How training draws sigma: log-uniform on [sigma-min, sigma-max], or lognormal (EDM: ln sigma ~ N(-1.2, 1.2^2), clipped to that range). Default: ${DEFAULT-VALUE}.") String noise;
    @Option(names = "--ema", defaultValue = "0.999", description = "Decay of the exponential moving average of the weights; the saved model is the average. Default: ${DEFAULT-VALUE}.") double ema;
    @Option(names = "--checkpoint-every", defaultValue = "5000", description = "Save a resumable checkpoint every N steps. Default: ${DEFAULT-VALUE}.") int checkpointEvery;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the initial weights, the training draws and the noise. Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--resume", description = "Continue the run saved in --out up to its configured step count.") boolean resume;

    @Override public Integer call() {
        if (checkpointEvery < 1) throw new InputException("--checkpoint-every must be >= 1, got " + checkpointEvery);
        AtomicFiles.ensureWritableDir(out);
        Trainer.Result r;
        TrainConfig cfg;
        TrainingData td;
        ModelSpec spec;
        String command = commandLine();
        if (resume) {
            if (!Files.exists(out.resolve(Checkpoint.WEIGHTS))) throw new InputException("--resume: no checkpoint in " + out);
            Checkpoint.Loaded c = Checkpoint.load(out);
            cfg = c.config();
            spec = c.model().spec();
            td = TrainingData.fromInfo(c.data());
            try (Progress bar = new Progress("train", cfg.steps())) {
                bar.stepTo(c.step());
                r = ModelFolder.resume(out, td, bar.training(), command);
            }
        } else {
            cfg = new TrainConfig(steps, batch, lr, Math.min(1000, Math.max(0, steps / 10)), ema, sigmaMin, sigmaMax,
                    NoiseDistribution.byName(noise), seed, checkpointEvery, logInterval(checkpointEvery));
            td = TrainingData.resolve(data, nTrain, seed);
            Parameterisation p = switch (model) {
                case "mlp" -> Parameterisation.byName(param);
                case "energy" -> switch (param) {
                    case "eps" -> Parameterisation.ENERGY;
                    case "edm" -> Parameterisation.ENERGY_EDM;
                    default -> throw new InputException("--model energy takes --param eps (E = F/sigma) or edm (EDM skip, see energy-edm); got '" + param + "'");
                };
                default -> throw new InputException("unknown --model '" + model + "'; expected mlp or energy");
            };
            spec = new ModelSpec(td.dim(), hidden, depth, 8, p, td.sigmaData(), architecture(arch, bottleneck, td));
            try (Progress bar = new Progress("train", cfg.steps())) {
                r = ModelFolder.train(out, spec, td, cfg, bar.training(), command);
            }
        }
        double last = r.history().isEmpty() ? Double.NaN : r.history().get(r.history().size() - 1).loss();
        System.out.printf("trained %s on %s for %d steps; final loss %.5f; model in %s%n",
                spec.parameterisation().cliName(), td.spec(), r.steps(), last, out);
        return 0;
    }

    /** This invocation as a shell line, for the model's provenance. */
    private String commandLine() {
        StringBuilder b = new StringBuilder("scorescope");   // the parse result's arguments start with "train"
        for (String a : commandSpec.commandLine().getParseResult().originalArgs())
            b.append(' ').append(a.matches("[A-Za-z0-9_./=:,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        return b.toString();
    }

    /** The network family; a U-Net takes its image shape from the data description. */
    static Architecture architecture(String arch, int bottleneck, TrainingData td) {
        return switch (arch) {
            case "mlp" -> Architecture.MLP;
            case "unet" -> {
                if (!"images".equals(td.info().path("kind").asText()))
                    throw new InputException("--arch unet needs image data (--data digits, mnist or fashion-mnist)");
                yield Architecture.unet(td.info().path("channels").asInt(), td.info().path("height").asInt(), td.info().path("width").asInt(), bottleneck);
            }
            default -> throw new InputException("unknown --arch '" + arch + "'; expected mlp or unet");
        };
    }

    /** Loss rows every 50 steps, or every gcd(checkpoint interval, 50) so that rows never straddle a checkpoint. */
    static int logInterval(int checkpointEvery) {
        return java.math.BigInteger.valueOf(checkpointEvery).gcd(java.math.BigInteger.valueOf(50)).intValue();
    }
}
