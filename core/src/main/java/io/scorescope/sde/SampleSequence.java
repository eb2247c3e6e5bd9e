package io.scorescope.sde;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;

/**
 * The recorded sample sequences of one sampler run: n sequences of L = K + 1 iterates in R^D (VE frame) at the
 * descending noise levels sigma_0 (the prior level) ... sigma_K, optionally with their denoised estimates
 * x + sigma^2 g. Stored compactly as one array indexed [sequence][step][coordinate].
 */
public final class SampleSequence {
    private final int n;
    private final int dim;
    private final double[] sigmas;
    private final double[] points;
    private final double[] denoised;

    private SampleSequence(int n, int dim, double[] sigmas, double[] points, double[] denoised) {
        this.n = n;
        this.dim = dim;
        this.sigmas = sigmas;
        this.points = points;
        this.denoised = denoised;
    }

    /** Number of sequences. */
    public int n() { return n; }
    /** Number of recorded iterates per sequence, L = K + 1 for a K-step schedule. */
    public int steps() { return sigmas.length; }
    /** Ambient dimension D. */
    public int dim() { return dim; }
    /** The noise level of recorded step {@code step}. */
    public double sigma(int step) { return sigmas[step]; }
    /** A copy of the L noise levels, descending. */
    public double[] sigmas() { return sigmas.clone(); }
    public boolean hasDenoised() { return denoised != null; }

    /** Iterate {@code step} of sequence {@code seq}. */
    public double[] point(int seq, int step) { return slice(points, seq, step); }
    /** Denoised estimate at step {@code step} of sequence {@code seq}. */
    public double[] denoised(int seq, int step) { return slice(requireDenoised(), seq, step); }
    /** All sequences at step {@code step} (n x D). */
    public Mat atStep(int step) { return gather(points, step); }
    /** All denoised estimates at step {@code step} (n x D). */
    public Mat denoisedAtStep(int step) { return gather(requireDenoised(), step); }
    /** The last iterates, at sigma_K (n x D). */
    public Mat finalPoints() { return atStep(steps() - 1); }
    /** One whole sequence (L x D). */
    public Mat trajectory(int seq) {
        int len = steps() * dim, from = seq * len;
        double[] out = new double[len];
        System.arraycopy(points, from, out, 0, len);
        return new Mat(steps(), dim, out);
    }

    private double[] requireDenoised() {
        if (denoised == null) throw new IllegalStateException("this sequence was recorded without denoised estimates");
        return denoised;
    }

    private int offset(int seq, int step) {
        if (seq < 0 || seq >= n) throw new IndexOutOfBoundsException("sequence " + seq + " of " + n);
        if (step < 0 || step >= steps()) throw new IndexOutOfBoundsException("step " + step + " of " + steps());
        return (seq * steps() + step) * dim;
    }

    private double[] slice(double[] a, int seq, int step) {
        double[] out = new double[dim];
        System.arraycopy(a, offset(seq, step), out, 0, dim);
        return out;
    }

    private Mat gather(double[] a, int step) {
        Mat m = new Mat(n, dim);
        for (int s = 0; s < n; s++) System.arraycopy(a, offset(s, step), m.data(), s * dim, dim);
        return m;
    }

    /**
     * A sequence from stored arrays: {@code sigmas} (L values, positive, descending), {@code points} and
     * optionally {@code denoised} (n * L * D values each, indexed [sequence][step][coordinate], finite).
     */
    public static SampleSequence of(int n, int dim, double[] sigmas, double[] points, double[] denoised) {
        int steps = sigmas.length;
        if (n < 1 || dim < 1 || steps < 1) throw new InputException("sample sequences need n, D and L >= 1");
        if (points.length != (long) n * steps * dim || (denoised != null && denoised.length != points.length))
            throw new InputException("sample sequences: " + points.length + " values do not match n=" + n + ", L=" + steps + ", D=" + dim);
        for (int i = 0; i < steps; i++) {
            if (!(sigmas[i] > 0) || !Double.isFinite(sigmas[i])) throw new InputException("sigma at step " + i + " is not positive and finite: " + sigmas[i]);
            if (i > 0 && !(sigmas[i] < sigmas[i - 1])) throw new InputException("sigmas must be strictly descending (step " + i + ")");
        }
        for (int i = 0; i < points.length; i++)
            if (!Double.isFinite(points[i])) throw new InputException("sample sequences hold a non-finite value (sequence " + i / (steps * dim) + ")");
        return new SampleSequence(n, dim, sigmas.clone(), points.clone(), denoised == null ? null : denoised.clone());
    }

    /** All iterates as one array indexed [sequence][step][coordinate] (a copy). */
    public double[] pointsArray() { return points.clone(); }

    /** All denoised estimates as one array indexed [sequence][step][coordinate] (a copy). */
    public double[] denoisedArray() { return requireDenoised().clone(); }

    /** A recorder for a run over {@code schedule} (K + 1 steps). */
    public static Recorder recorder(NoiseSchedule schedule, int n, int dim, boolean withDenoised) {
        return new Recorder(n, dim, schedule.steps() + 1, withDenoised);
    }

    /** A recorder expecting exactly {@code steps} steps with indices 0..steps-1. */
    public static Recorder recorder(int n, int dim, int steps, boolean withDenoised) {
        return new Recorder(n, dim, steps, withDenoised);
    }

    /** A {@link StepCallback} that copies every step into a {@link SampleSequence}. */
    public static final class Recorder implements StepCallback {
        private final int n;
        private final int dim;
        private final double[] sigmas;
        private final double[] points;
        private final double[] denoised;
        private int next;

        private Recorder(int n, int dim, int steps, boolean withDenoised) {
            if (n < 1 || dim < 1 || steps < 1)
                throw new IllegalArgumentException("recorder shape n=" + n + " dim=" + dim + " steps=" + steps);
            long size = (long) n * steps * dim;
            if (size > Integer.MAX_VALUE - 16)
                throw new InputException("sample sequences too large to record: " + n + " x " + steps + " x " + dim + " values");
            this.n = n;
            this.dim = dim;
            this.sigmas = new double[steps];
            this.points = new double[(int) size];
            this.denoised = withDenoised ? new double[(int) size] : null;
        }

        @Override public void onStep(Step step) {
            if (step.index() != next) throw new IllegalStateException("expected step " + next + ", got " + step.index());
            if (next >= sigmas.length) throw new IllegalStateException("more than " + sigmas.length + " steps");
            if (step.x().rows() != n || step.x().cols() != dim)
                throw new IllegalStateException("step of shape " + step.x().shape() + ", recorder expects " + n + "x" + dim);
            sigmas[next] = step.sigma();
            scatter(step.x(), points);
            if (denoised != null) scatter(step.denoised(), denoised);
            next++;
        }

        private void scatter(Mat m, double[] into) {
            int steps = sigmas.length;
            for (int s = 0; s < n; s++) System.arraycopy(m.data(), s * dim, into, (s * steps + next) * dim, dim);
        }

        /** The recorded sequence; every expected step must have arrived. */
        public SampleSequence sequence() {
            if (next != sigmas.length) throw new IllegalStateException("recorded " + next + " of " + sigmas.length + " steps");
            return new SampleSequence(n, dim, sigmas.clone(), points, denoised);
        }
    }
}
