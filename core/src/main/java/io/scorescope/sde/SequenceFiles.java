package io.scorescope.sde;

import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import io.scorescope.io.Npy;
import io.scorescope.math.Mat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample sequences on disk, readable from NumPy: {@code sequences.npy} [n, L, D] (iterates),
 * {@code denoised.npy} [n, L, D] (x + sigma^2 g, optional) and {@code sigmas.csv} (step, sigma).
 */
public final class SequenceFiles {
    public static final String SEQUENCES = "sequences.npy";
    public static final String DENOISED = "denoised.npy";
    public static final String SIGMAS = "sigmas.csv";

    private SequenceFiles() {}

    public static void write(Path dir, SampleSequence s) {
        Npy.write(dir.resolve(SEQUENCES), s.pointsArray(), s.n(), s.steps(), s.dim());
        if (s.hasDenoised()) Npy.write(dir.resolve(DENOISED), s.denoisedArray(), s.n(), s.steps(), s.dim());
        List<List<String>> sig = new ArrayList<>();
        for (int i = 0; i < s.steps(); i++) sig.add(List.of(Csv.integer(i), Csv.number(s.sigma(i))));
        Csv.writeCells(dir.resolve(SIGMAS), List.of("step", "sigma"), sig);
    }

    /** Reads a folder written by {@link #write} (e.g. by {@code scorescope sample}). */
    public static SampleSequence read(Path dir) {
        Path seq = dir.resolve(SEQUENCES), sig = dir.resolve(SIGMAS);
        if (!Files.exists(seq) || !Files.exists(sig))
            throw new InputException(dir + ": expected " + SEQUENCES + " and " + SIGMAS + " (written by 'scorescope sample')");
        Npy.NpyArray a = Npy.read(seq);
        if (a.shape().length != 3) throw new InputException(seq + ": expected shape [n, L, D], got rank " + a.shape().length);
        Mat sigmas = Csv.readMatrix(sig);
        int steps = a.shape()[1];
        if (sigmas.rows() != steps || sigmas.cols() != 2)
            throw new InputException(sig + ": expected " + steps + " rows of step,sigma to match " + SEQUENCES);
        double[] denoised = null;
        Path den = dir.resolve(DENOISED);
        if (Files.exists(den)) {
            Npy.NpyArray d = Npy.read(den);
            if (!java.util.Arrays.equals(d.shape(), a.shape())) throw new InputException(den + ": shape differs from " + SEQUENCES);
            denoised = d.data();
        }
        return SampleSequence.of(a.shape()[0], a.shape()[2], sigmas.col(1), a.data(), denoised);
    }
}
