package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ImageDataset;
import io.scorescope.engine.Linalg;
import io.scorescope.field.ScoreField;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SampleRun;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.sde.StepCallback;

/**
 * Sample quality of an image model without downloaded networks: n samples (plus the final denoising step), their
 * memorisation ratio against the held-out split ({@link Memorisation}), and a softmax classifier trained on the
 * training split applied to them and to the held-out images ({@link SoftmaxClassifier}), and the vote of their k
 * nearest training images ({@link NeighbourVote}; one neighbour search serves it and the memorisation ratio).
 * Random streams: samples Rng(seed).split(3), classifier Rng(seed).split(4).
 */
public record ImageQuality(Mat samples, Memorisation memorisation, double testAccuracy, SoftmaxClassifier.SampleReport onSamples,
                           SoftmaxClassifier.SampleReport onHeldOut, NeighbourVote vote, SamplerConfig sampler, String prior, int trainImages, int heldOutImages)
        implements QualityReport {
    private static final long SAMPLES = 3, CLASSIFIER = 4;

    public static ImageQuality measure(ScoreField model, SamplerConfig sampler, Prior prior, int n, ImageDataset train, ImageDataset test,
                                       long seed, StepCallback progress) {
        Rng rng = new Rng(seed);
        SamplerConfig cfg = sampler.withDenoiseFinal(true);
        Mat samples = SampleRun.draw(model, cfg, prior, n, rng.split(SAMPLES).nextLong(), progress).samples();
        int k = Math.min(NeighbourVote.K, train.size());
        int[][] ns = Linalg.nearestRows(samples, train.images(), k), nt = Linalg.nearestRows(test.images(), train.images(), k);
        Memorisation mem = Memorisation.of(samples, train.images(), test.images(), ns, nt);
        NeighbourVote vote = NeighbourVote.of(k, ns, nt, train.labels(), test.labels());
        SoftmaxClassifier.Config cc = SoftmaxClassifier.Config.DEFAULT;
        SoftmaxClassifier clf = SoftmaxClassifier.train(train.images(), train.labels(),
                new SoftmaxClassifier.Config(cc.epochs(), cc.batch(), cc.lr(), cc.l2(), rng.split(CLASSIFIER).nextLong()));
        double acc = clf.accuracy(test.images(), test.labels());
        return new ImageQuality(samples, mem, acc, clf.onSamples(samples), clf.onSamples(test.images()), vote, cfg, prior.describe(),
                train.size(), test.size());
    }

    @Override public ObjectNode toJson() {
        ObjectNode o = Json.object().put("n", samples.rows());
        o.setAll(sampler.toJson());
        o.put("prior", prior)
                .put("train_images", trainImages).put("heldout_images", heldOutImages);
        o.set("memorisation", memorisation.toJson());
        ObjectNode c = o.putObject("classifier");
        c.put("kind", "softmax regression on pixels, trained on the training split").put("heldout_accuracy", testAccuracy);
        c.set("on_samples", onSamples.toJson());
        c.set("on_heldout", onHeldOut.toJson());
        o.set("neighbour_vote", vote.toJson());
        return o;
    }
}
