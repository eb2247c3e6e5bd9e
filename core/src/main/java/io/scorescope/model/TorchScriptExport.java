package io.scorescope.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.ScriptModule;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import java.nio.file.Path;

/**
 * Writes a {@link ScoreModel} as a TorchScript module in the import convention of {@link TorchScriptField}:
 * {@code forward(x: [B, D], sigma: [B]) -> [B, D]} returning the score g (or eps = -sigma g, or the
 * denoiser D = x + sigma^2 g; an energy model may also return its energy E as [B]). The module is
 * generated TorchScript source evaluating the same network and parameterisation as {@link ScoreModel}:
 * features f(sigma) = [tau, sin(pi k tau), cos(pi k tau)]_{k=1..K} with tau = ln(sigma)/4, u = c_in x,
 * h_{l+1} = silu(h_l W_l + b_l) from h_0 = [u, f], F = h_L W_L + b_L, and g = a x + b F (vector) or
 * g = -grad_x(b F) (energy), with (a, b, c_in) of {@link Parameterisation}. Weights are the model's
 * float32 evaluation weights (EMA by default), stored as parameters w0, b0, ...; the arithmetic follows
 * the dtype of x (weights are cast to it), so Python callers may pass float32 or float64.
 * The archive carries {@code scorescope.json}: format, shape [D], output kind, noise frame "ve" and the model spec.
 */
public final class TorchScriptExport {
    private TorchScriptExport() {}

    /** Writes the module atomically to {@code target}. */
    public static void write(ScoreModel model, TorchScriptField.Kind output, Path target) {
        Parameterisation p = model.spec().parameterisation();
        if (output == TorchScriptField.Kind.ENERGY && !p.conservative())
            throw new InputException("--output energy needs an energy-parameterised model; this one is '" + p.cliName() + "'");
        ObjectNode meta = Json.object();
        meta.put("format", TorchScriptField.FORMAT).put("output", output.cliName()).put("noise", "ve")
                .put("weights", model.usesEma() ? "ema" : "live");
        meta.putArray("shape").add(model.dim());
        meta.set("model", model.spec().toJson());
        ScriptModule.save(target, source(model.spec(), output), model.weights(), Json.toString(meta));
    }

    /** The TorchScript source of the module (methods features, network, score, forward). */
    static String source(ModelSpec spec, TorchScriptField.Kind output) {
        int depth = spec.depth(), k = spec.frequencies();
        double sd = spec.sigmaData();
        StringBuilder s = new StringBuilder();
        s.append("def features(self, s: Tensor) -> Tensor:\n")
                .append("    tau = torch.log(s) / 4.0\n");
        if (k == 0) {
            s.append("    return tau\n");
        } else {
            s.append("    k = torch.arange(1, ").append(k + 1).append(", dtype=s.dtype, device=s.device) * ").append(lit(Math.PI)).append('\n')
                    .append("    kt = tau * k\n")
                    .append("    return torch.cat([tau, torch.stack([torch.sin(kt), torch.cos(kt)], 2).reshape(-1, ").append(2 * k).append(")], 1)\n");
        }
        s.append("def network(self, u: Tensor, f: Tensor) -> Tensor:\n")
                .append("    h = torch.cat([u, f], 1)\n");
        for (int l = 0; l < depth; l++)
            s.append("    h = torch.silu(h.matmul(self.w").append(l).append(".to(h.dtype)) + self.b").append(l).append(".to(h.dtype))\n");
        s.append("    return h.matmul(self.w").append(depth).append(".to(h.dtype)) + self.b").append(depth).append(".to(h.dtype)\n");
        // coefficients (a, b, c_in) of Parameterisation, per row
        s.append("def coefficients(self, s: Tensor) -> Tuple[Tensor, Tensor, Tensor]:\n")
                .append("    s2 = s * s\n")
                .append("    sd2 = ").append(lit(sd * sd)).append('\n')
                .append("    c_in = 1.0 / torch.sqrt(s2 + sd2)\n");
        switch (spec.parameterisation()) {
            case SCORE -> s.append("    return torch.zeros_like(s), torch.ones_like(s), c_in\n");
            case EPS -> s.append("    return torch.zeros_like(s), -1.0 / s, c_in\n");
            case ENERGY -> s.append("    return torch.zeros_like(s), 1.0 / s, c_in\n");
            case EDM, ENERGY_EDM -> s.append("    c_skip = sd2 / (s2 + sd2)\n")
                    .append("    c_out = s * ").append(lit(sd)).append(" / torch.sqrt(s2 + sd2)\n")
                    .append("    return (c_skip - 1.0) / s2, c_out / s2, c_in\n");
        }
        boolean energy = spec.parameterisation().conservative();
        if (energy) {
            s.append("def energy(self, x: Tensor, sigma: Tensor) -> Tensor:\n")
                    .append("    s = sigma.to(x.dtype).reshape(-1, 1)\n")
                    .append("    a, b, c_in = self.coefficients(s)\n")
                    .append("    e = b * self.network(x * c_in, self.features(s)) - 0.5 * a * (x * x).sum(1, keepdim=True)\n")
                    .append("    return e.reshape(-1)\n");
            s.append("def score(self, x: Tensor, sigma: Tensor) -> Tensor:\n")
                    .append("    xg = x if x.requires_grad else x.detach().requires_grad_(True)\n")
                    .append("    e = self.energy(xg, sigma)\n")
                    .append("    grads = torch.autograd.grad([e.sum()], [xg], create_graph=True)\n")
                    .append("    gr = grads[0]\n")
                    .append("    assert gr is not None\n")
                    .append("    return -gr\n");
        } else {
            s.append("def score(self, x: Tensor, sigma: Tensor) -> Tensor:\n")
                    .append("    s = sigma.to(x.dtype).reshape(-1, 1)\n")
                    .append("    a, b, c_in = self.coefficients(s)\n")
                    .append("    return x * a + self.network(x * c_in, self.features(s)) * b\n");
        }
        s.append("def forward(self, x: Tensor, sigma: Tensor) -> Tensor:\n");
        switch (output) {
            case SCORE -> s.append("    return self.score(x, sigma)\n");
            case EPS -> s.append("    return -sigma.to(x.dtype).reshape(-1, 1) * self.score(x, sigma)\n");
            case DENOISER -> s.append("    s = sigma.to(x.dtype).reshape(-1, 1)\n")
                    .append("    return x + s * s * self.score(x, sigma)\n");
            case ENERGY -> s.append("    return self.energy(x, sigma)\n");
        }
        return s.toString();
    }

    /** A float literal that reads back as the same double. */
    private static String lit(double v) {
        String t = Double.toString(v);
        return t.contains("E") ? String.format("%.17e", v) : t;
    }
}
