package io.scorescope.geometry;

import io.scorescope.io.Provenance;
import java.util.LinkedHashMap;
import java.util.Map;

/** The definitions every analysis output names (science.md sections 1-9), recorded in its provenance. */
public final class Definitions {
    private Definitions() {}

    public static final Map<String, String> ALL = build();

    private static Map<String, String> build() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jacobian", "J = d g_sigma / dx at (x, sigma), float64; J = U diag(s) V^T, s descending (spec 1)");
        m.put("gain", "gamma_i = 1 - sigma^2 s_i (spec 2)");
        m.put("local_dim", "#{i : gamma_i > 1/2} (spec 3, default)");
        m.put("local_dim_soft", "tr(I + sigma^2 S) = D + sigma^2 tr J, S = (J + J^T)/2 (spec 3)");
        m.put("local_dim_gap", "D - k*, k* = argmax_k log s_k - log s_{k+1} (spec 3; reported, no verdict)");
        m.put("local_dim_pr", "(sum gamma)^2 / sum gamma^2 (spec 3; reported, no verdict)");
        m.put("levels", "K geometric noise levels spanning the sampler range; J at the current iterate and that sigma (spec 4)");
        m.put("subspaces", "learned T^ = span of right singular vectors with gamma > 1/2; true = tangent space at the closest point of M (spec 5)");
        m.put("nasym", "||A||_F^2 / ||J||_F^2, A = (J - J^T)/2 (spec 6)");
        m.put("r_tt", "||P_T A P_T||_F / ||P_T J P_T||_F; r_nn, r_x likewise for the normal and cross blocks (spec 6)");
        m.put("shares", "share of ||A||_F^2 per block vs isotropic baselines d(d-1)/(D(D-1)), (D-d)(D-d-1)/(D(D-1)), 2d(D-d)/(D(D-1)) (spec 6)");
        m.put("sign_pairing", "c_i = -u_i . v_i (spec 6)");
        m.put("curl", "D = 3: w = 2 (A_32, A_13, A_21); curl_normal_cos2 = |P_N w|^2 / |w|^2 (spec 6)");
        m.put("roundoff_floor", "||A||_F / ||J||_F < 1e-6: conservative to round-off; ratios not computed (spec 6)");
        m.put("normal_block_norm", "||P_N (I + sigma^2 J) P_N||_2; leakage ||P_N (I + sigma^2 J) P_T||_2 (spec 7)");
        m.put("normal_score_rel_err", "|P_N (g - g_exact)| / |P_N g_exact| (spec 7)");
        m.put("effective_density", "p_sigma(x0 | x) ∝ q0(x0) N(x; x0, sigma^2 I): training set (softmax) or quadrature (spec 8)");
        m.put("overlap", "||P_learned P_E||_F^2 / k, E = top-k principal subspace of Cov[x0|x], k = local_dim; normalised (ov - k/D)/(1 - k/D) (spec 8)");
        m.put("jac_err", "||J - J_eff||_F / ||J_eff||_F, J_eff = (Cov[x0|x] - sigma^2 I)/sigma^4 (spec 8)");
        m.put("ess", "1 / sum_i w_i^2 of the training-set posterior (spec 8)");
        m.put("mixing", "Langevin x += eps g + sqrt(2 eps) z, eps = 0.1 sigma^2, model vs energy control with common random numbers (spec 9)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Adds every definition to a provenance record. */
    public static void addTo(Provenance p) { ALL.forEach(p::define); }
}
