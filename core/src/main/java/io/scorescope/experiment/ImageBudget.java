package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import io.scorescope.model.Parameterisation;

/**
 * How much work {@code scorescope reproduce} does on image data, and with which networks.
 * <p>8x8 digits (D = 64): eps-MLP 4 x 256 and its energy control (E = F/sigma), batch 256, Adam 2e-3; sized for
 * limits on 2 cores ({@code quick} at most 3 minutes, {@code full} at most 15 minutes including both models) at
 * the measured ~7 ms per step (control ~14 ms). {@code quick}'s analysis, mixing and quality samples are sized for the
 * shipped reference U-Nets, which it adopts: about 1 s of analysis per point and 0.05-0.1 s per Langevin step of
 * 128 chains on one core (docs/performance.md), so 8 sequences, 64 chains of 300 steps and 250 quality samples.
 * Width 256 rather than 128: at 128 some digits sequences diverged
 * (pixels of 10-1000) even after 18k steps; at 256 none did after 6k.
 * <p>At D >= {@link #LARGE_DIM} (MNIST, Fashion-MNIST: D = 784) {@link #forDim} switches to the EDM-preconditioned
 * MLP 4 x 1024 and its conservative counterpart {@code energy-edm}, batch 128, Adam 1e-3. Measured on MNIST: an
 * eps-MLP narrower than D cannot pass the noise through (at sigma >= 1 its loss stayed at 0.60 instead of ~0: the
 * eps target there is about the identity map, of rank D > width), so its samples never contracted; the EDM skip
 * supplies that part. Width 1024 >= D because at small sigma the network must output the normal part of the noise,
 * of rank about D - d. The step costs are ~90 ms (model) and ~2x that (control), so the full budget's 8000 steps
 * keep the run within 45 minutes; the Jacobian analysis then costs D forward passes and a D x D SVD per point and
 * the effective density a pass over the training set, so sequences, levels and mixing chains are capped.
 *
 * @param hidden         width of the MLP 4 x hidden (model and control)
 * @param trainSteps     DSM steps for the score model and, the same budget, the energy control
 * @param batch          training batch size
 * @param lr             peak Adam learning rate (warm-up and cosine decay as in TrainConfig)
 * @param model          parameterisation of the score model
 * @param control        parameterisation of the conservative control (same width, steps and seed)
 * @param sequences      sample sequences analysed (spec section 4)
 * @param levels         K noise levels per sequence
 * @param samplerSteps   reverse-SDE steps of the sampler (sequences and quality samples)
 * @param mixingChains   Langevin chains per mixing noise level
 * @param mixingSteps    Langevin steps per chain
 * @param qualitySamples samples for memorisation ratio and classifier confidence
 */
public record ImageBudget(String name, int hidden, int trainSteps, int batch, double lr, Parameterisation model, Parameterisation control,
                   int sequences, int levels, int samplerSteps, int mixingChains, int mixingSteps, int qualitySamples) implements Plan {

    static final int LARGE_DIM = 256;
    private static final Parameterisation EPS = Parameterisation.EPS, ENERGY = Parameterisation.ENERGY;

    public static final ImageBudget FULL = new ImageBudget("full", 256, 25_000, 256, 2e-3, EPS, ENERGY, 32, 12, 200, 256, 1000, 1000);
    public static final ImageBudget QUICK = new ImageBudget("quick", 256, 5000, 256, 2e-3, EPS, ENERGY, 8, 8, 200, 64, 300, 250);
    public static final ImageBudget TINY = new ImageBudget("tiny", 32, 100, 64, 2e-3, EPS, ENERGY, 4, 4, 20, 16, 40, 64);

    /** The image budget of the same name as a manifold budget (full, quick, tiny). */
    public static ImageBudget of(Budget b) {
        return switch (b.name()) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> TINY;
        };
    }

    /**
     * At D >= 256: EDM model and energy-edm control, at most 8 sequences x 8 levels and 128 mixing chains of 500
     * steps (each Langevin step costs ~3 forward passes at width 1024); full and quick use width 1024,
     * batch 128, Adam 1e-3 and 8000 (full) or 2000 (quick) steps; tiny keeps its size.
     */
    public ImageBudget forDim(int dim) {
        if (dim < LARGE_DIM) return this;
        boolean tiny = name.equals("tiny");
        int steps = switch (name) {
            case "full" -> 8000;
            case "quick" -> 2000;
            default -> trainSteps;
        };
        return new ImageBudget(name, tiny ? hidden : 1024, steps, tiny ? batch : 128, tiny ? lr : 1e-3,
                Parameterisation.EDM, Parameterisation.ENERGY_EDM, Math.min(sequences, 8), Math.min(levels, 8),
                samplerSteps, Math.min(mixingChains, 128), Math.min(mixingSteps, 500), qualitySamples);
    }

    /**
     * The analysis, mixing and quality budget for U-Nets at D >= {@link #LARGE_DIM} (the shipped MNIST and
     * Fashion-MNIST reference models, or any given U-Net). One point's analysis there costs about 90 s on 2 cores
     * (docs/performance.md): the energy control's float64 Hessian by batched reverse mode dominates it, the model's
     * forward-mode Jacobian adds 10-17 s. One Langevin step of 128 chains costs 0.38 s (model) and 0.75 s (control),
     * one sampler step about 6 ms per sample. Sized for 30 minutes on 2 cores (full: 2 sequences x 5 levels, 32 chains
     * of 100 steps, 200 quality samples) and 10 minutes (quick: 1 x 4, 16 x 50, 64); tiny takes the smaller of its
     * own sizes and quick's. The training fields are unchanged (they apply only when a U-Net is trained here).
     */
    public ImageBudget forConvolutional(int dim) {
        if (dim < LARGE_DIM) return this;
        boolean full = name.equals("full");
        int seq = full ? 2 : 1, lev = full ? 5 : 4, chains = full ? 32 : 16, steps = full ? 100 : 50, quality = full ? 200 : 64;
        return new ImageBudget(name, hidden, trainSteps, batch, lr, model, control, Math.min(sequences, seq), Math.min(levels, lev),
                samplerSteps, Math.min(mixingChains, chains), Math.min(mixingSteps, steps), Math.min(qualitySamples, quality));
    }

    @Override public ObjectNode toJson() {
        return Json.object().put("name", name).put("hidden", hidden).put("train_steps", trainSteps).put("batch", batch).put("lr", lr)
                .put("model", model.cliName()).put("control", control.cliName())
                .put("sequences", sequences).put("levels", levels).put("sampler_steps", samplerSteps)
                .put("mixing_chains", mixingChains).put("mixing_steps", mixingSteps).put("quality_samples", qualitySamples);
    }
}
