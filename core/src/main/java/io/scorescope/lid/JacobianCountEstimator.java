package io.scorescope.lid;

import io.scorescope.field.ScoreField;
import io.scorescope.geometry.LocalDimension;
import io.scorescope.geometry.LocalFeatures;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import java.util.Arrays;

/**
 * The project's own estimate (spec definition 3) from the score Jacobian J = dg_sigma/dx at the data point and a
 * chosen noise level: THRESHOLD = #{i : gamma_i > 1/2} with gains gamma_i = 1 - sigma^2 s_i
 * ({@link LocalDimension#threshold}); SOFT = D + sigma^2 tr J ({@link LocalDimension#soft}).
 */
public final class JacobianCountEstimator implements LidEstimator {
    /** Which count. */
    public enum Rule { THRESHOLD, SOFT }

    private static final int BATCH = 128;
    private final double sigma;
    private final Rule rule;

    public JacobianCountEstimator(double sigma, Rule rule) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new InputException("jacobian: sigma must be positive, got " + sigma);
        this.sigma = sigma;
        this.rule = rule;
    }

    @Override public String name() { return rule == Rule.THRESHOLD ? "jacobian-threshold" : "jacobian-soft"; }

    @Override public String rule() {
        return rule == Rule.THRESHOLD
                ? "#{i : 1 - sigma^2 s_i(J) > 1/2} at sigma=" + sigma
                : "D + sigma^2 tr J at sigma=" + sigma;
    }

    @Override public boolean needsField() { return true; }

    @Override public Estimates estimate(LidProblem p) {
        ScoreField f = p.requireField(name());
        Mat x = p.queryPoints();
        double[] out = new double[x.rows()];
        for (int from = 0; from < x.rows(); from += BATCH) {
            int to = Math.min(x.rows(), from + BATCH);
            double[] s = new double[to - from];
            Arrays.fill(s, sigma);
            Mat[] j = f.jacobian(x.rows(from, to), s);
            LocalFeatures[] lf = rule == Rule.THRESHOLD ? LocalFeatures.valuesOnly(j, s) : null;
            for (int i = 0; i < j.length; i++)
                out[from + i] = rule == Rule.THRESHOLD ? LocalDimension.threshold(lf[i].gains()) : LocalDimension.soft(j[i], sigma);
        }
        return Estimates.ofMean(out, null);
    }
}
