package io.scorescope.sde;

import io.scorescope.field.Cholesky;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * Where a sampler starts, at sigma_max:
 * <pre>
 *   isotropic:  x ~ N(0, sigma_max^2 I)
 *   moments:    x ~ N(mu, Sigma + sigma_max^2 I),   mu, Sigma the mean and covariance of the training data
 * </pre>
 * The moments prior is the Gaussian with the mean and covariance of p_sigma_max = p_data * N(0, sigma_max^2 I) (it is
 * p_sigma_max when the data are Gaussian). The isotropic one drops mu and Sigma, which is harmless only when
 * sigma_max dwarfs the data; on images trained with sigma_max = 2 (MNIST: |mu| about 20 against a noise norm of 56)
 * it starts the sampler where the network was never trained (docs/science.md#sample_sequences).
 * A draw is mu + L z with L L^T = Sigma + sigma_max^2 I and z standard normal rows (isotropic: sigma_max z).
 *
 * @param mean       mu, or null for the isotropic prior
 * @param covariance Sigma, or null for the isotropic prior
 */
public record Prior(double[] mean, Mat covariance) {

    public static final Prior ISOTROPIC = new Prior(null, null);

    public Prior {
        if ((mean == null) != (covariance == null)) throw new IllegalArgumentException("give both the mean and the covariance, or neither");
        if (mean != null && (covariance.rows() != mean.length || covariance.cols() != mean.length))
            throw new IllegalArgumentException("covariance " + covariance.shape() + " does not match the mean's dimension " + mean.length);
    }

    /** N(mu, Sigma + sigma_max^2 I). */
    public static Prior moments(double[] mean, Mat covariance) { return new Prior(mean.clone(), covariance.copy()); }

    public boolean isIsotropic() { return mean == null; }

    /** n rows of dimension dim; the rows of z come from rng exactly as in the isotropic draw. */
    public Mat draw(int n, int dim, double sigmaMax, Rng rng) {
        Mat z = rng.gaussian(n, dim);
        if (isIsotropic()) return z.scale(sigmaMax);
        if (dim != mean.length) throw new IllegalArgumentException("prior of dimension " + mean.length + ", field of dimension " + dim);
        Mat c = covariance.copy();
        for (int i = 0; i < dim; i++) c.set(i, i, c.get(i, i) + sigmaMax * sigmaMax);
        Mat x = z.times(Cholesky.of(c.symmetricPart()).factor().transpose());
        for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) x.set(i, j, x.get(i, j) + mean[j]);
        return x;
    }

    /** For provenance. */
    public String describe() {
        return isIsotropic() ? "N(0, sigma_max^2 I)" : "N(mu, Sigma + sigma_max^2 I), mu and Sigma the training data's mean and covariance";
    }
}
