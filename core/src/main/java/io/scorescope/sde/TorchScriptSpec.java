package io.scorescope.sde;

import io.scorescope.io.InputException;
import io.scorescope.model.NoiseFrame;
import io.scorescope.model.TorchScriptField;

/**
 * The {@code torchscript:} field spec with time-indexed frames, and the conversion of a model trained on a
 * linear SDE's time axis to the VE form. For an {@link Sde} with marginal x_t = s(t) (x0 + sigma(t) eps),
 * the model at VE level sigma is evaluated at t = timeOf(sigma) on y = s(t) x, i.e. {@link NoiseFrame}
 * scale s(t(sigma)) and argument t(sigma). For VP (beta(t) = bmin + t (bmax - bmin)):
 * t solves bmin t + (bmax - bmin) t^2 / 2 = ln(1 + sigma^2), s = 1 / sqrt(1 + sigma^2)
 * (so sigma = sqrt(1 - s^2) / s, {@link VpSde}).
 */
public final class TorchScriptSpec {
    private TorchScriptSpec() {}

    /** The frame of a model whose noise argument is the time t of {@code sde}. */
    public static NoiseFrame frame(Sde sde) {
        return new NoiseFrame() {
            @Override public double scale(double sigma) { return sde.marginal(sde.timeOf(sigma)).scale(); }
            @Override public double argument(double sigma) { return sde.timeOf(sigma); }
            @Override public String describe() { return sde.describe(); }
        };
    }

    /**
     * Frame options: {@code vp} (score_sde's beta_min = 0.1, beta_max = 20) or {@code vp=BMIN,BMAX}; null for
     * any other text.
     */
    public static NoiseFrame frame(String option) {
        if (option.equals("vp")) return frame(new VpSde());
        if (!option.startsWith("vp=")) return null;
        String[] b = option.substring(3).split(",", -1);
        if (b.length != 2) throw new InputException("noise frame '" + option + "': expected vp=BETA_MIN,BETA_MAX");
        try {
            return frame(new VpSde(Double.parseDouble(b[0].strip()), Double.parseDouble(b[1].strip())));
        } catch (NumberFormatException e) {
            throw new InputException("noise frame '" + option + "': beta values must be numbers");
        }
    }

    /** {@code torchscript:} spec text after the prefix ({@value TorchScriptField#SYNTAX}); the CLI registers this. */
    public static TorchScriptField fromSpec(String rest) { return TorchScriptField.fromSpec(rest, TorchScriptSpec::frame); }
}
