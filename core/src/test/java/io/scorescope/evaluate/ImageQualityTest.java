package io.scorescope.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.ImageDataset;
import io.scorescope.data.ImageSets;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import org.junit.jupiter.api.Test;

class ImageQualityTest {
    @Test
    void copiesOfTrainingImagesHaveDistanceZeroAndRatioZero() {
        ImageDataset train = ImageSets.resolve("digits"), test = ImageSets.resolve("digits:split=test");
        Mat copies = train.images().rows(100, 120);
        Memorisation m = Memorisation.measure(copies, train.images(), test.images());
        for (int i = 0; i < 20; i++) {
            assertEquals(0, m.sampleDistances()[i], 0);
            assertEquals(0, Mat.row(train.images().row(m.sampleNeighbours()[i])).minus(Mat.row(copies.row(i))).frobenius(), 0);
        }
        assertEquals(0, m.ratio(), 0);
        assertEquals(1, m.copyFraction(), 0);
        // held-out images measured as "samples": ratio exactly 1, by definition
        assertEquals(1, Memorisation.measure(test.images(), train.images(), test.images()).ratio(), 0);
    }

    @Test
    void nearestNeighbourDistanceMatchesBruteForce() {
        Mat ref = new Rng(1).gaussian(50, 7), q = new Rng(2).gaussian(9, 7);
        Memorisation m = Memorisation.measure(q, ref, ref.rows(0, 5));
        for (int i = 0; i < 9; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 50; j++) best = Math.min(best, Mat.row(q.row(i)).minus(Mat.row(ref.row(j))).frobenius());
            assertEquals(best, m.sampleDistances()[i], 1e-12);
        }
        assertArrayEquals(new double[5], m.heldOutDistances(), 0);
    }

    @Test
    void classifierSeparatesDigitsAndIsConfidentOnThem() {
        ImageDataset train = ImageSets.resolve("digits"), test = ImageSets.resolve("digits:split=test");
        SoftmaxClassifier c = SoftmaxClassifier.train(train.images(), train.labels(), SoftmaxClassifier.Config.DEFAULT);
        double trainAcc = c.accuracy(train.images(), train.labels()), testAcc = c.accuracy(test.images(), test.labels());
        assertTrue(trainAcc > 0.97, "train accuracy " + trainAcc);
        assertTrue(testAcc > 0.88, "test accuracy " + testAcc);
        SoftmaxClassifier.SampleReport r = c.onSamples(train.images().rows(0, 200));
        assertTrue(r.meanConfidence() > 0.8, "confidence " + r.meanConfidence());
        assertEquals(200, java.util.Arrays.stream(r.classCounts()).sum());
        // pure noise is not a digit: much lower confidence
        SoftmaxClassifier.SampleReport noise = c.onSamples(new Rng(3).gaussian(200, 64));
        assertTrue(noise.meanConfidence() < r.meanConfidence(), "noise confidence " + noise.meanConfidence());
        // two well separated classes: perfect
        ImageDataset zeroOne = ImageSets.resolve("digits:digits=0,1");
        SoftmaxClassifier c01 = SoftmaxClassifier.train(zeroOne.images(), zeroOne.labels(), SoftmaxClassifier.Config.DEFAULT);
        assertEquals(1, c01.accuracy(zeroOne.images(), zeroOne.labels()), 0);
    }
}
