package io.scorescope.geometry;

import io.scorescope.field.Posterior;
import io.scorescope.math.Mat;
import java.util.List;

/**
 * Computes a {@link PointAnalysis} from the model's Jacobian J at (x, sigma) and whatever references are
 * known: the true tangent space, the exact field (Jacobian and score), and posteriors over the training set
 * and over the population (quadrature). Frames: the learned split always; the true one when given. The
 * exact-field projection and the normal-score error use the true frame when given, else the learned one.
 * <pre>
 * PointAnalysis a = PointAnalyzer.of(j, sigma).trueTangent(t).exactJacobian(jExact)
 *         .scores(g, gExact).trainingPosterior(pTrain).populationPosterior(pPop).analyze();
 * </pre>
 */
public final class PointAnalyzer {
    private final Mat jacobian;
    private final double sigma;
    private Subspace trueSubspace;
    private Mat exactJacobian;
    private double[] modelScore, exactScore;
    private Posterior training, population;

    private PointAnalyzer(Mat jacobian, double sigma) {
        if (jacobian.rows() != jacobian.cols()) throw new IllegalArgumentException("Jacobian must be square, is " + jacobian.shape());
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be > 0, is " + sigma);
        this.jacobian = jacobian;
        this.sigma = sigma;
    }

    public static PointAnalyzer of(Mat jacobian, double sigma) { return new PointAnalyzer(jacobian, sigma); }

    /** True tangent basis (D x d orthonormal columns); the normal basis is its complement. */
    public PointAnalyzer trueTangent(Mat tangentBasis) { return trueSubspace(Subspace.fromTangent(tangentBasis)); }

    /** True tangent and normal bases, e.g. from {@code Manifold.tangentBasis/normalBasis}. */
    public PointAnalyzer trueSubspace(Subspace s) { checkDim(s.ambientDim()); this.trueSubspace = s; return this; }

    /** The exact noisy score's Jacobian at (x, sigma). */
    public PointAnalyzer exactJacobian(Mat j) { checkDim(j.rows()); this.exactJacobian = j; return this; }

    /** The model's score g and the exact score at (x, sigma). */
    public PointAnalyzer scores(double[] model, double[] exact) {
        checkDim(model.length);
        checkDim(exact.length);
        this.modelScore = model;
        this.exactScore = exact;
        return this;
    }

    /** Posterior over the training set (softmax weights), spec section 8. */
    public PointAnalyzer trainingPosterior(Posterior p) { checkDim(p.mean().length); this.training = p; return this; }

    /** Posterior over quadrature nodes of the manifold (population density), spec section 8. */
    public PointAnalyzer populationPosterior(Posterior p) { checkDim(p.mean().length); this.population = p; return this; }

    public PointAnalysis analyze() { return analyzeAll(List.of(this))[0]; }

    /** Analyses many points with one batched SVD (and one batched svdvals for the exact Jacobians). */
    public static PointAnalysis[] analyzeAll(List<PointAnalyzer> points) {
        int n = points.size();
        Mat[] js = new Mat[n];
        double[] sig = new double[n];
        for (int i = 0; i < n; i++) { js[i] = points.get(i).jacobian; sig[i] = points.get(i).sigma; }
        LocalFeatures[] features = LocalFeatures.of(js, sig);
        List<PointAnalyzer> withExact = points.stream().filter(p -> p.exactJacobian != null).toList();
        LocalFeatures[] exactFeatures = LocalFeatures.valuesOnly(
                withExact.stream().map(p -> p.exactJacobian).toArray(Mat[]::new),
                withExact.stream().mapToDouble(p -> p.sigma).toArray());
        PointAnalysis[] out = new PointAnalysis[n];
        int e = 0;
        for (int i = 0; i < n; i++) {
            PointAnalyzer p = points.get(i);
            out[i] = p.analyze(features[i], p.exactJacobian != null ? exactFeatures[e++] : null);
        }
        return out;
    }

    private PointAnalysis analyze(LocalFeatures f, LocalFeatures exactFeatures) {
        Asymmetry asym = Asymmetry.of(jacobian);
        Subspace learned = f.learnedSubspace();
        FrameBlocks learnedBlocks = FrameBlocks.of(jacobian, learned);
        AsymmetryBlocks blocksTrue = null;
        NormalProjection projectionTrue = null;
        if (trueSubspace != null) {
            FrameBlocks tb = FrameBlocks.of(jacobian, trueSubspace);
            blocksTrue = AsymmetryBlocks.of(jacobian, asym, tb, sigma, trueSubspace);
            projectionTrue = NormalProjection.of(tb, sigma);
        }
        Subspace reference = trueSubspace != null ? trueSubspace : learned;
        ExactComparison exact = null;
        if (exactJacobian != null || modelScore != null) {
            exact = new ExactComparison(
                    exactFeatures != null ? exactFeatures.keptCount() : Double.NaN,
                    exactJacobian != null ? NormalProjection.of(exactJacobian, sigma, reference) : new NormalProjection(Double.NaN, Double.NaN),
                    modelScore != null ? NormalProjection.normalScoreError(modelScore, exactScore, reference) : Double.NaN);
        }
        Mat kept = learned.tangent();
        return new PointAnalysis(sigma, f.withoutVectors(), LocalDimension.of(jacobian, f), asym,
                AsymmetryBlocks.of(jacobian, asym, learnedBlocks, sigma, learned), NormalProjection.of(learnedBlocks, sigma),
                blocksTrue, projectionTrue, exact,
                training == null ? null : EffectiveDensityOverlap.of(kept, training, jacobian),
                population == null ? null : EffectiveDensityOverlap.of(kept, population, jacobian));
    }

    private void checkDim(int d) {
        if (d != jacobian.rows()) throw new IllegalArgumentException("dimension " + d + " != D = " + jacobian.rows());
    }
}
