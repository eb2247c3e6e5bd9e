package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How much work an experiment does, whatever its data: the budget of the stages shared by every kind of data. */
public interface Plan {
    /** full, quick or tiny. */
    String name();

    /** DSM steps for the score model and, the same budget, the energy control. */
    int trainSteps();

    /** Sample sequences analysed. */
    int sequences();

    /** K noise levels per sequence (geometric over the whole sampler range). */
    int levels();

    /** Reverse-SDE steps of the sampler (sequences and quality samples). */
    int samplerSteps();

    /** Langevin chains per mixing noise level. */
    int mixingChains();

    /** Langevin steps per chain. */
    int mixingSteps();

    /** Samples for the sample-quality evaluation. */
    int qualitySamples();

    ObjectNode toJson();
}
