package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.Manifold;
import io.scorescope.engine.Engine;
import io.scorescope.field.ScoreField;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import io.scorescope.sde.Langevin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Constrained mixing (spec section 9): fixed-sigma Langevin dynamics x += eps g_sigma(x) + sqrt(2 eps) z,
 * eps = 0.1 sigma^2, run with the model and with a conservative (energy-parameterised) control from the same
 * starting points with the same noise (common random numbers). Reported for each:
 * <ul>
 *   <li>tangential transport T(t) = mean over chains of |pi(x_t) - pi(x_0)|, pi the closest point on M
 *       (chordal displacement along M), at a few step counts;</li>
 *   <li>the distance to M, mean over chains and over the second half of the run;</li>
 *   <li>the lag-(steps/10) autocorrelation of the first coordinate of pi(x) (slower mixing = higher);</li>
 * </ul>
 * and the ratios model/control of the final transport and of the distance.
 *
 * <p>Without a known manifold (images) the same experiment runs with any batch projection pi in place of the
 * closest point on M ({@link #run(ScoreField, ScoreField, UnaryOperator, Mat, int, double, int, long)}), e.g. a
 * fixed denoiser D_sigma(x) = x + sigma^2 g_sigma(x): transport is then the displacement of the denoised estimate
 * and the distance |x - D_sigma(x)| a proxy for the distance to the data manifold.
 */
public record ConstrainedMixing(String ruler, double sigma, int chains, int steps, double stepSize, int[] checkpoints,
                                double[] transportModel, double[] transportControl, double distanceModel,
                                double distanceControl, double autocorrModel, double autocorrControl) {

    /** The ruler of the manifold runs: the closest point on M. */
    public static final String CLOSEST_POINT = "closest point on M";

    /** Step size as a fraction of sigma^2. */
    public static final double STEP_FRACTION = 0.1;

    public double transportRatio() { return transportModel[transportModel.length - 1] / transportControl[transportControl.length - 1]; }

    public double distanceRatio() { return distanceModel / distanceControl; }

    /** Runs both chains; the starting points are draws from q0 plus sigma-noise (i.e. from q_sigma). */
    public static ConstrainedMixing run(ScoreField model, ScoreField control, Manifold m, double sigma, int chains,
                                        int steps, long seed) {
        Rng rng = new Rng(seed);
        Mat x0 = m.sample(chains, rng.split(1).nextLong()).plus(rng.split(2).gaussian(chains, m.ambientDim()).scale(sigma));
        return run(model, control, CLOSEST_POINT, x -> project(m, x), x0, 0, sigma, steps, seed);
    }

    /** A batch projection pi (rows of a batch to rows) and its name. */
    public record Ruler(String name, UnaryOperator<Mat> projection) {}

    /**
     * Both chains from the given starting points (one chain per row), with {@code projection} (rows of a batch to
     * rows, named {@code ruler}) in place of the closest point on M; the autocorrelation follows coordinate
     * {@code coordinate} of pi(x).
     */
    public static ConstrainedMixing run(ScoreField model, ScoreField control, String ruler, UnaryOperator<Mat> projection, Mat x0,
                                        int coordinate, double sigma, int steps, long seed) {
        return run(model, control, List.of(new Ruler(ruler, projection)), x0, coordinate, sigma, steps, seed).get(0);
    }

    /**
     * As {@link #run(ScoreField, ScoreField, String, UnaryOperator, Mat, int, double, int, long)} measured with several
     * rulers at once: each chain runs once and every ruler reads it (the same numbers as one run per ruler).
     */
    public static List<ConstrainedMixing> run(ScoreField model, ScoreField control, List<Ruler> rulers, Mat x0,
                                              int coordinate, double sigma, int steps, long seed) {
        double eps = STEP_FRACTION * sigma * sigma;
        int[] checkpoints = {steps / 4, steps / 2, steps};
        SideBySide.Both<List<Trace>, List<Trace>> chains = SideBySide.run(Engine.sideBySide() >= 2,
                () -> trace(model, rulers, x0, coordinate, sigma, eps, steps, seed, checkpoints),
                () -> trace(control, rulers, x0, coordinate, sigma, eps, steps, seed, checkpoints));
        List<Trace> a = chains.first(), b = chains.second();
        List<ConstrainedMixing> out = new ArrayList<>();
        for (int k = 0; k < rulers.size(); k++)
            out.add(new ConstrainedMixing(rulers.get(k).name(), sigma, x0.rows(), steps, eps, checkpoints, a.get(k).transport,
                    b.get(k).transport, a.get(k).distance, b.get(k).distance, a.get(k).autocorr, b.get(k).autocorr));
        return out;
    }

    private record Trace(double[] transport, double distance, double autocorr) {}

    /** One Langevin chain of f per row of x0, read by every ruler. */
    private static List<Trace> trace(ScoreField f, List<Ruler> rulers, Mat x0, int coordinate, double sigma, double eps,
                                     int steps, long seed, int[] checkpoints) {
        int n = x0.rows(), r = rulers.size();
        Mat[] p0 = new Mat[r];
        for (int k = 0; k < r; k++) p0[k] = rulers.get(k).projection().apply(x0);
        int every = Math.max(1, steps / 100);
        int lag = Math.max(1, steps / 10 / every);
        double[][] transport = new double[r][checkpoints.length];
        double[][] dist = new double[r][2];
        List<List<double[]>> coord = new ArrayList<>();   // per ruler: the chosen coordinate of pi(x) per recorded step
        for (int k = 0; k < r; k++) coord.add(new ArrayList<>());
        Langevin.run(f, x0, sigma, eps, steps, new Rng(seed).split(3), s -> {
            int t = s.index();   // x_t after t steps
            boolean checkpoint = false;
            for (int c : checkpoints) checkpoint |= c == t;
            if (t == 0 || (t % every != 0 && !checkpoint)) return;
            for (int k = 0; k < r; k++) {
                Mat p = rulers.get(k).projection().apply(s.x());
                if (t % every == 0) {
                    double[] c0 = new double[n];
                    for (int i = 0; i < n; i++) c0[i] = p.get(i, coordinate);
                    coord.get(k).add(c0);
                    if (t > steps / 2) {
                        for (int i = 0; i < n; i++) dist[k][0] += Vec.dist(s.x().row(i), p.row(i));
                        dist[k][1] += n;
                    }
                }
                for (int q = 0; q < checkpoints.length; q++) {
                    if (checkpoints[q] != t) continue;
                    double tr = 0;
                    for (int i = 0; i < n; i++) tr += Vec.dist(p.row(i), p0[k].row(i));
                    transport[k][q] = tr / n;
                }
            }
        });
        List<Trace> out = new ArrayList<>();
        for (int k = 0; k < r; k++) out.add(new Trace(transport[k], dist[k][0] / dist[k][1], autocorrelation(coord.get(k), lag)));
        return out;
    }

    /** Pooled lag-L autocorrelation of per-chain series (rows of {@code series} are time points). */
    static double autocorrelation(List<double[]> series, int lag) {
        int t = series.size(), n = series.get(0).length;
        if (lag >= t) return Double.NaN;
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double[] s : series) mean += s[i];
            mean /= t;
            for (int k = 0; k < t; k++) {
                double d = series.get(k)[i] - mean;
                den += d * d;
                if (k + lag < t) num += d * (series.get(k + lag)[i] - mean);
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    private static Mat project(Manifold m, Mat x) {
        Mat p = new Mat(x.rows(), x.cols());
        for (int i = 0; i < x.rows(); i++) p.setRow(i, m.project(x.row(i)));
        return p;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("ruler", ruler);
        Json.putFinite(o, "sigma", sigma).put("chains", chains).put("steps", steps);
        Json.putFinite(o, "step_size", stepSize);
        var cp = o.putArray("checkpoints");
        var tm = o.putArray("transport_model");
        var tc = o.putArray("transport_control");
        for (int k = 0; k < checkpoints.length; k++) {
            cp.add(checkpoints[k]);
            Json.addFinite(tm, transportModel[k]);
            Json.addFinite(tc, transportControl[k]);
        }
        Json.putFinite(o, "distance_model", distanceModel);
        Json.putFinite(o, "distance_control", distanceControl);
        Json.putFinite(o, "autocorr_model", autocorrModel);
        Json.putFinite(o, "autocorr_control", autocorrControl);
        Json.putFinite(o, "transport_ratio", transportRatio());
        Json.putFinite(o, "distance_ratio", distanceRatio());
        return o;
    }
}
