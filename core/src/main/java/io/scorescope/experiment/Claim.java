package io.scorescope.experiment;

import java.util.Arrays;

/**
 * The paper's claims that have a verdict rule (docs/science.md, "verdicts"). Each claim has one name, its
 * summary.json key, used by the rules, the report sections, summary.json and the tests alike.
 */
public enum Claim {
    /** A2: along sample sequences the local dimension rises as the noise falls. */
    A2_DIMENSION_RISES("A2_dimension_rises", "A2"),
    /** A2: the local dimension becomes more varied between sequences as the noise falls. */
    A2_SPREAD_RISES("A2_spread_rises", "A2"),
    /** A3: the learned field mixes with a non-conservative field within the manifold. */
    A3_NONCONSERVATIVE_WITHIN("A3_nonconservative_within", "A3"),
    /** A4: off the manifold the denoiser projects onto it (an energy in the normal directions). */
    A4_NORMAL_PROJECTION("A4_normal_projection", "A4"),
    /** A5: the local features overlap the effective density's principal subspace. */
    A5_EFFECTIVE_OVERLAP("A5_effective_overlap", "A5"),
    /** A6: Langevin with the model mixes along the manifold at least as well as the conservative control. */
    A6_CONSTRAINED_MIXING("A6_constrained_mixing", "A6");

    private final String key, paperClaim;

    Claim(String key, String paperClaim) {
        this.key = key;
        this.paperClaim = paperClaim;
    }

    /** The summary.json key, also the report section id and the docs/science.md heading. */
    public String key() { return key; }

    /** The abstract's claim this rule tests (A2 ... A6). */
    public String paperClaim() { return paperClaim; }

    /** The claims judged on one analysis table (all but A6, which needs the mixing runs). */
    public static final java.util.List<Claim> PER_TABLE = java.util.List.of(A2_DIMENSION_RISES, A2_SPREAD_RISES,
            A3_NONCONSERVATIVE_WITHIN, A4_NORMAL_PROJECTION, A5_EFFECTIVE_OVERLAP);

    /** The claim with this summary key; an unknown key is an error. */
    public static Claim byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown claim key '" + key + "'"));
    }
}
