package io.scorescope.sde;

import io.scorescope.field.Cholesky;
import io.scorescope.field.NodeSmoothing;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * Where a sampler starts, at sigma_max:
 * <pre>
 *   isotropic:  x ~ N(0, sigma_max^2 I)
 *   moments:    x ~ N(mu, Sigma + sigma_max^2 I),   mu, Sigma the mean and covariance of the training data
 *   data:       x = y_k + sigma_max z,  k uniform over the training points, i.e. x ~ p_sigma_max exactly
 * </pre>
 * The moments prior is the Gaussian with the mean and covariance of p_sigma_max = p_data * N(0, sigma_max^2 I) (it is
 * p_sigma_max when the data are Gaussian). The isotropic one drops mu and Sigma, which is harmless only when
 * sigma_max dwarfs the data; on images trained with sigma_max = 2 (MNIST: |mu| about 20 against a noise norm of 56)
 * it starts the sampler where the network was never trained (docs/science.md#sample_sequences).
 * The data prior is a diagnostic, not a generator: it is the exact p_sigma_max of the training set, so comparing it
 * with the moments prior separates the error of the start from the error of the learned score; its samples start
 * from training points, so their memorisation ratio does not measure generalisation.
 * Every draw takes z, n standard normal rows, first from the stream, so the three share their noise for a seed.
 */
public sealed interface Prior {

    /** N(0, sigma_max^2 I). */
    Prior ISOTROPIC = new Isotropic();

    /** The names {@link #kind()} returns, for options and provenance. */
    List<String> KINDS = List.of("isotropic", "moments", "data");

    /** n rows of dimension dim. */
    Mat draw(int n, int dim, double sigmaMax, Rng rng);

    /** log density of the start distribution at the rows of x (normalised). */
    double[] logDensity(Mat x, double sigmaMax);

    /** "isotropic", "moments" or "data". */
    String kind();

    /** For provenance. */
    String describe();

    /** N(mu, Sigma + sigma_max^2 I). */
    static Prior moments(double[] mean, Mat covariance) { return new Moments(mean.clone(), covariance.copy()); }

    /** y_k + sigma_max z, y_k a uniformly drawn row of {@code points} (the training data). */
    static Prior noisedData(Mat points) { return new NoisedData(points); }

    /** The name must be one of {@link #KINDS}; anything else is an {@link InputException} listing them. */
    static String checkKind(String name) {
        if (!KINDS.contains(name)) throw new InputException("unknown prior '" + name + "'; valid: " + String.join(", ", KINDS));
        return name;
    }

    private static void checkDim(int expected, int dim) {
        if (dim != expected) throw new IllegalArgumentException("prior of dimension " + expected + ", field of dimension " + dim);
    }

    /** Sigma + sigma_max^2 I. */
    private static Mat noised(Mat covariance, double sigmaMax) {
        Mat c = covariance.copy();
        for (int i = 0; i < c.rows(); i++) c.set(i, i, c.get(i, i) + sigmaMax * sigmaMax);
        return c.symmetricPart();
    }

    /** x = sigma_max z. */
    record Isotropic() implements Prior {
        @Override public Mat draw(int n, int dim, double sigmaMax, Rng rng) { return rng.gaussian(n, dim).scale(sigmaMax); }
        /** -|x|^2 / (2 sigma_max^2) - (D/2) log(2 pi sigma_max^2). */
        @Override public double[] logDensity(Mat x, double sigmaMax) {
            double[] out = new double[x.rows()];
            double norm = 0.5 * x.cols() * Math.log(2 * Math.PI * sigmaMax * sigmaMax);
            for (int i = 0; i < out.length; i++) {
                double s = 0;
                for (double v : x.row(i)) s += v * v;
                out[i] = -s / (2 * sigmaMax * sigmaMax) - norm;
            }
            return out;
        }
        @Override public String kind() { return "isotropic"; }
        @Override public String describe() { return "N(0, sigma_max^2 I)"; }
    }

    /** x = mu + L z with L L^T = Sigma + sigma_max^2 I (Cholesky). */
    record Moments(double[] mean, Mat covariance) implements Prior {
        public Moments {
            if (mean == null || covariance == null) throw new IllegalArgumentException("the moments prior needs the mean and the covariance");
            if (covariance.rows() != mean.length || covariance.cols() != mean.length)
                throw new IllegalArgumentException("covariance " + covariance.shape() + " does not match the mean's dimension " + mean.length);
        }

        @Override public Mat draw(int n, int dim, double sigmaMax, Rng rng) {
            checkDim(mean.length, dim);
            Mat z = rng.gaussian(n, dim);
            Mat x = z.times(Cholesky.of(noised(covariance, sigmaMax)).factor().transpose());
            for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) x.set(i, j, x.get(i, j) + mean[j]);
            return x;
        }
        /** -(1/2) (x - mu)^T C^{-1} (x - mu) - (1/2) log det C - (D/2) log 2 pi, C = Sigma + sigma_max^2 I. */
        @Override public double[] logDensity(Mat x, double sigmaMax) {
            checkDim(mean.length, x.cols());
            Cholesky c = Cholesky.of(noised(covariance, sigmaMax));
            double norm = 0.5 * c.logDet() + 0.5 * mean.length * Math.log(2 * Math.PI);
            double[] out = new double[x.rows()];
            for (int i = 0; i < out.length; i++) {
                double[] dev = x.row(i);
                for (int j = 0; j < dev.length; j++) dev[j] -= mean[j];
                double[] w = c.solve(dev);
                double q = 0;
                for (int j = 0; j < dev.length; j++) q += dev[j] * w[j];
                out[i] = -0.5 * q - norm;
            }
            return out;
        }
        @Override public String kind() { return "moments"; }
        @Override public String describe() { return "N(mu, Sigma + sigma_max^2 I), mu and Sigma the training data's mean and covariance"; }
    }

    /** x = y_k + sigma_max z; the row indices k are drawn after z from the same stream. */
    record NoisedData(Mat points) implements Prior {
        public NoisedData {
            if (points == null || points.rows() < 1) throw new IllegalArgumentException("the data prior needs at least one training point");
        }

        @Override public Mat draw(int n, int dim, double sigmaMax, Rng rng) {
            checkDim(points.cols(), dim);
            Mat x = rng.gaussian(n, dim).scale(sigmaMax);
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(points.rows());
                for (int j = 0; j < dim; j++) x.set(i, j, x.get(i, j) + points.get(k, j));
            }
            return x;
        }
        /** log (1/n) sum_k N(x; y_k, sigma_max^2 I), the smoothed training set. */
        @Override public double[] logDensity(Mat x, double sigmaMax) {
            checkDim(points.cols(), x.cols());
            double[] sigma = new double[x.rows()];
            Arrays.fill(sigma, sigmaMax);
            return NodeSmoothing.uniform(points).logDensity(x, sigma);
        }
        @Override public String kind() { return "data"; }
        @Override public String describe() {
            return "p_sigma_max exactly: a uniformly drawn training point plus N(0, sigma_max^2 I) (a diagnostic; samples start from training data)";
        }
    }
}
