package io.scorescope.experiment;

import io.scorescope.evaluate.NeighbourVote;
import io.scorescope.io.Provenance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The definition of every quantity Scorescope reports, one text per key. Each key is a section of docs/science.md
 * (heading {@code ## key}), which gives the full account; report sections and every provenance.json read the short
 * texts from here and cite the section ({@link #cite}).
 */
public final class Definitions {
    public static final String NOISE = "VE noising x = x0 + sigma eps, q_sigma = q0 * N(0, sigma^2 I); g_sigma ~ grad log q_sigma; "
            + "denoiser D_sigma(x) = x + sigma^2 g_sigma(x)";
    public static final String FEATURES = "J = dg_sigma/dx = U diag(s) V^T, s descending; local features = singular vectors";
    public static final String GAIN = "gamma_i = 1 - sigma^2 s_i: ~0 removed (normal), ~1 kept (tangent)";
    public static final String LOCAL_DIM = "local_dim = #{i : gamma_i > 1/2}; alternatives: soft tr(I + sigma^2 S), S = (J + J^T)/2; "
            + "largest gap in log s_i; participation ratio (sum gamma)^2 / sum gamma^2 (reported, never used for a verdict)";
    public static final String SEQUENCES = "reverse-SDE sampler trajectories from sigma_max down to sigma_min, started from N(0, sigma_max^2 I) "
            + "on manifolds and from N(mu, Sigma + sigma_max^2 I) on images (mu, Sigma: training mean and covariance); J evaluated "
            + "at the iterate and its sigma at K levels geometric over the range up to the analysis ceiling (the smaller training "
            + "sigma_max of model and control)";
    public static final String SUBSPACES = "learned T^ = span{v_i : gamma_i > 1/2}, N^ its complement; true T, N at the closest point of M";
    public static final String ASYMMETRY = "A = (J - J^T)/2; NAsym = ||A||_F^2/||J||_F^2; r_TT = ||P_T A P_T||_F / ||P_T J P_T||_F, "
            + "r_NN likewise in N; tangent share = ||A_TT||_F^2/||A||_F^2 vs its random baseline d(d-1)/(D(D-1)); "
            + "D = 3: curl w = 2 (A_32, A_13, A_21), cos^2(w, n); sign pairing c_i = -u_i . v_i; "
            + "floor ||A||_F/||J||_F < 1e-6 = conservative to round-off";
    public static final String NORMAL_PROJECTION = "normal block ||P_N (I + sigma^2 J) P_N||_2, leakage ||P_N (I + sigma^2 J) P_T||_2, "
            + "normal-score error |P_N (g - g_exact)| / |P_N g_exact|; true frame; exact field by quadrature";
    public static final String EFFECTIVE_DENSITY = "posterior p_sigma(x0 | x) over the population (quadrature; used for the overlap) and "
            + "the training set (softmax of -|x - x_i|^2/(2 sigma^2)); E_k = top-k principal subspace of Cov[x0 | x], "
            + "k = local_dim (1 <= k <= D-1); overlap = ||P_learned P_E||_F^2 / k, baseline k/D, normalised (ov - k/D)/(1 - k/D); "
            + "Jacobian error ||J - J_eff||_F/||J_eff||_F; ESS = 1/sum w^2";
    public static final String MIXING = "fixed-sigma Langevin x += eps g + sqrt(2 eps) z, eps = 0.1 sigma^2, model and energy control "
            + "(g = -grad E, same training budget) from the same q_sigma draws with common random numbers; transport = mean "
            + "|pi(x_t) - pi(x_0)| (pi = closest point on M) after t steps; distance = mean dist(x, M) over the second half; "
            + "ratios model/control at the last step";
    public static final String MIXING_SIGMAS = "mixing noise levels 0.05 s and 0.2 s, small-sigma levels of A3/A4 sigma <= 0.1 s, and "
            + "training/sampling range [0.01 s, 2 s], with s = max(1, RMS |x0|) over the training points (s = 1 on the unit sphere, "
            + "circle and k-sphere: the unit-scale values)";
    public static final String SAMPLE_QUALITY = "distance to M after the final denoising step x + sigma_min^2 g (and raw); excess held-out "
            + "DSM loss over the exact Bayes floor; component weights from mean soft responsibilities; energy distance to fresh "
            + "data next to its two-fresh-samples null level";
    /** Image data (no known manifold): how each definition is read there. */
    public static final String IMAGE_SUBSPACES = "no true manifold: learned splits T^ = span{v_i : gamma_i > 1/2}, N^ its complement. "
            + "A3 and A4 are judged in the conservative control's split at the same (x, sigma), which does not depend on the J being "
            + "tested; the model's own split (where A4 is partly true by construction: for a symmetric J the leakage vanishes in its "
            + "own eigenframe) and the training posterior's split (levels with ESS >= 10) are reported beside it";
    public static final String IMAGE_EFFECTIVE_DENSITY = "effective density = posterior over the training images (softmax of "
            + "-|x - x_i|^2/(2 sigma^2), exact for the Gaussian-smoothed empirical distribution); no population density and no exact field";
    public static final String IMAGE_NOISE_SCALE = "s = max(1, RMS |x0|) over the training images (pixels in [-1, 1]); training/sampling "
            + "range [0.01, 2 s] (sigma_max = 2 s exceeds every pairwise distance of the training images, Song & Ermon's rule, so the "
            + "N(0, sigma_max^2 I) prior covers the data); the noise unit is 1 (pixel units): sigma_min 0.01, "
            + "mixing levels 0.05 and 0.2, and small-sigma levels of A3/A4 sigma <= 0.1 are not scaled by s";
    public static final String IMAGE_MIXING = "manifold-free constrained mixing: fixed-sigma Langevin x += eps g + sqrt(2 eps) z, "
            + "eps = 0.1 sigma^2, model and energy control from the same training images + sigma noise with common random numbers; "
            + "pi = a fixed denoiser D_sigma(x) = x + sigma^2 g_sigma(x) in place of the closest point on M, with two rulers: the model's "
            + "and the control's denoiser, each applied to both chains: transport = mean |D(x_t) - D(x_0)| after t steps, distance = "
            + "mean |x - D(x)| over the second half (a proxy for the distance to the data manifold); ratios model/control at the last "
            + "step, judged at every level with both rulers";
    public static final String IMAGE_SAMPLE_QUALITY = "memorisation ratio = median_s min_i |s - y_i| / median_t min_i |t - y_i| "
            + "(y: training images, s: samples after the final denoising step, t: held-out test images; ~1 generalises, << 1 copies, "
            + "> 1 off the data); copy fraction = share of samples nearer than the 5th percentile of held-out distances; a softmax "
            + "classifier trained on the training split: accuracy on the held-out images, mean confidence and class histogram on samples; "
            + "the vote of the " + NeighbourVote.K + " nearest training images (majority label, ties to the nearer): its accuracy on the "
            + "held-out images, mean winning share (votes / " + NeighbourVote.K + ") and class histogram on samples and held-out images";
    public static final String DSM = "L = E (1/D) |sigma g_sigma(x0 + sigma eps) + eps|^2, sigma log-uniform in the training range (or lognormal, clipped to it)";

    private Definitions() {}

    /** Every definition by name, in report order. */
    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("noise_model", NOISE);
        m.put("dsm_loss", DSM);
        m.put("local_features", FEATURES);
        m.put("gain", GAIN);
        m.put("local_dim", LOCAL_DIM);
        m.put("sample_sequences", SEQUENCES);
        m.put("subspaces", SUBSPACES);
        m.put("non_conservativeness", ASYMMETRY);
        m.put("normal_projection", NORMAL_PROJECTION);
        m.put("effective_density", EFFECTIVE_DENSITY);
        m.put("constrained_mixing", MIXING);
        m.put("noise_scale", MIXING_SIGMAS);
        m.put("sample_quality", SAMPLE_QUALITY);
        return m;
    }

    /** The definitions as used on image data (no known manifold): same keys, image readings where they differ. */
    public static Map<String, String> images() {
        Map<String, String> m = all();
        m.put("subspaces", IMAGE_SUBSPACES);
        m.put("effective_density", EFFECTIVE_DENSITY + "; on images: " + IMAGE_EFFECTIVE_DENSITY);
        m.put("constrained_mixing", IMAGE_MIXING);
        m.put("noise_scale", IMAGE_NOISE_SCALE);
        m.put("sample_quality", IMAGE_SAMPLE_QUALITY);
        return m;
    }

    /** The documentation file every definition key is a section of. */
    public static final String DOC = "docs/science.md";

    /** "text (docs/science.md#key)": the definition with the section that gives its full account. */
    public static String cite(String key, String text) { return text + " (" + DOC + "#" + key + ")"; }

    /** Adds the given definitions to a provenance record, each citing its docs/science.md section. */
    public static Provenance define(Provenance p, Map<String, String> definitions) {
        definitions.forEach((k, v) -> p.define(k, cite(k, v)));
        return p;
    }
}
