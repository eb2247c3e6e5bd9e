package io.scorescope.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.util.Arrays;

/**
 * A second class yardstick beside the pixel softmax classifier: the vote of the k nearest training images
 * (Euclidean distance in pixels). With y_(1), ..., y_(k) the nearest training images of x, nearest first,
 * <pre>
 *   class(x) = argmax_c #{j : label(y_(j)) = c}   (a tie goes to the class whose nearest member comes first)
 *   share(x) = #{j : label(y_(j)) = class(x)} / k
 * </pre>
 * Reported on the samples and on the held-out images: the mean share and the class histogram; on the held-out images
 * also the accuracy of the vote, which calibrates it. It needs no training, so unlike a classifier it has no
 * preferred class for images that resemble none.
 */
public record NeighbourVote(int k, Report onSamples, Report onHeldOut, double heldOutAccuracy) {
    /** The default number of neighbours. */
    public static final int K = 10;

    /** Mean winning share and predicted-class histogram over a set of images. */
    public record Report(double meanShare, int[] classCounts) {
        public ObjectNode toJson() {
            ObjectNode o = Json.putFinite(Json.object(), "mean_vote_share", meanShare);
            var a = o.putArray("predicted_class_counts");
            for (int c : classCounts) a.add(c);
            return o;
        }
    }

    /**
     * The vote, given each sample's and each held-out image's training neighbours (nearest first, at least k each)
     * and the training and held-out labels.
     */
    public static NeighbourVote of(int k, int[][] sampleNeighbours, int[][] heldOutNeighbours, int[] trainLabels, int[] heldOutLabels) {
        if (heldOutNeighbours.length != heldOutLabels.length)
            throw new IllegalArgumentException(heldOutNeighbours.length + " held-out neighbour lists for " + heldOutLabels.length + " labels");
        int classes = Arrays.stream(trainLabels).max().orElse(0) + 1;
        int[] predicted = new int[heldOutLabels.length];
        Report held = report(k, heldOutNeighbours, trainLabels, classes, predicted);
        int hits = 0;
        for (int i = 0; i < predicted.length; i++) if (predicted[i] == heldOutLabels[i]) hits++;
        return new NeighbourVote(k, report(k, sampleNeighbours, trainLabels, classes, new int[sampleNeighbours.length]), held,
                hits / (double) predicted.length);
    }

    /** The voted class of each row into {@code predicted}; the mean share and the histogram as the result. */
    private static Report report(int k, int[][] neighbours, int[] labels, int classes, int[] predicted) {
        int[] counts = new int[classes], histogram = new int[classes];
        double shares = 0;
        for (int i = 0; i < neighbours.length; i++) {
            if (neighbours[i].length < k) throw new IllegalArgumentException(neighbours[i].length + " neighbours for a vote of " + k);
            Arrays.fill(counts, 0);
            for (int j = 0; j < k; j++) counts[labels[neighbours[i][j]]]++;
            int best = labels[neighbours[i][0]];
            for (int j = 1; j < k; j++) {   // nearest first, strictly more votes to take over: ties stay with the nearer class
                int c = labels[neighbours[i][j]];
                if (counts[c] > counts[best]) best = c;
            }
            predicted[i] = best;
            histogram[best]++;
            shares += counts[best] / (double) k;
        }
        return new Report(shares / neighbours.length, histogram);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object().put("k", k);
        Json.putFinite(o, "heldout_accuracy", heldOutAccuracy);
        o.set("on_samples", onSamples.toJson());
        o.set("on_heldout", onHeldOut.toJson());
        return o.put("definition", "class = majority label of the k nearest training images (Euclidean, pixels; ties to the nearer); "
                + "vote share = its votes / k");
    }
}
