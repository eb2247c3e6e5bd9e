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
    void kNearestRowsAreTheBruteForceOnesNearestFirst() {
        Mat ref = new Rng(4).gaussian(60, 5), q = new Rng(5).gaussian(7, 5);
        int[][] nn = io.scorescope.engine.Linalg.nearestRows(q, ref, 6);
        for (int i = 0; i < 7; i++) {
            final int row = i;
            double[] d = new double[60];
            for (int j = 0; j < 60; j++) d[j] = Mat.row(q.row(row)).minus(Mat.row(ref.row(j))).frobenius();
            int[] expected = java.util.stream.IntStream.range(0, 60).boxed().sorted(java.util.Comparator.comparingDouble(j -> d[j]))
                    .limit(6).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, nn[row], "query " + row);
        }
    }

    /**
     * Training points on a line at 0, 1, ..., 9 with labels 0 0 0 1 1 1 1 2 2 2; queries whose k = 3 nearest points
     * are known exactly, so the vote, its share, the tie rule and the held-out accuracy are known too.
     */
    @Test
    void neighbourVoteTakesTheMajorityAndBreaksTiesTowardTheNearer() {
        Mat train = new Mat(10, 1, new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        int[] labels = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
        // k = 3. 0.9: points 1, 0, 2 -> class 0, share 1. 5.2: 5, then 4 and 6 (both label 1) -> class 1, share 1.
        // 2.6: 3, 2, 4 (labels 1, 0, 1) -> class 1, share 2/3. 6.6: 7, 6, 8 (labels 2, 1, 2) -> class 2, share 2/3.
        Mat samples = new Mat(4, 1, new double[] {0.9, 5.2, 2.6, 6.6});
        int[][] ns = io.scorescope.engine.Linalg.nearestRows(samples, train, 3);
        assertArrayEquals(new int[] {3, 2, 4}, ns[2]);
        assertArrayEquals(new int[] {7, 6, 8}, ns[3]);
        // k = 2 on held-out points. 0.2: 0, 1 -> class 0. 6.45: 6 (label 1) at 0.45, 7 (label 2) at 0.55, a 1-1 tie that
        // goes to the nearer: class 1, share 1/2, although its label is 2. 3.4: 3, 4 -> class 1.
        Mat heldOut = new Mat(3, 1, new double[] {0.2, 6.45, 3.4});
        int[] heldOutLabels = {0, 2, 1};
        int[][] nh2 = io.scorescope.engine.Linalg.nearestRows(heldOut, train, 2);
        NeighbourVote pairs = NeighbourVote.of(2, nh2, nh2, labels, heldOutLabels);
        assertArrayEquals(new int[] {1, 2, 0}, pairs.onHeldOut().classCounts());
        assertEquals(2 / 3.0, pairs.heldOutAccuracy(), 1e-15);
        assertEquals((1 + 0.5 + 1) / 3, pairs.onHeldOut().meanShare(), 1e-15);
        // k = 3 on held-out points: 6.45 -> 6, 7, 5 (labels 1, 2, 1) -> class 1 again, share 2/3
        NeighbourVote v = NeighbourVote.of(3, ns, io.scorescope.engine.Linalg.nearestRows(heldOut, train, 3), labels, heldOutLabels);
        assertArrayEquals(new int[] {1, 2, 1}, v.onSamples().classCounts());
        assertEquals((1 + 1 + 2 / 3.0 + 2 / 3.0) / 4, v.onSamples().meanShare(), 1e-15);
        assertEquals(2 / 3.0, v.heldOutAccuracy(), 1e-15);
        assertEquals((1 + 2 / 3.0 + 2 / 3.0) / 3, v.onHeldOut().meanShare(), 1e-15);
        assertEquals(3, v.toJson().get("k").asInt());
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
