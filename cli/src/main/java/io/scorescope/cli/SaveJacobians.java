package io.scorescope.cli;

import io.scorescope.io.InputException;
import io.scorescope.io.Npy;
import io.scorescope.math.Mat;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --save-jacobians FILE.npy} option (a picocli mixin): commands that compute score Jacobians write
 * them as one float64 array [n, D, D] (row = output component), in the order of their points.
 */
final class SaveJacobians {
    @Option(names = "--save-jacobians", paramLabel = "FILE.npy",
            description = "Also write every score Jacobian as a NumPy array [n, D, D] (float64).")
    Path file;

    boolean requested() { return file != null; }

    /** Writes the Jacobians if the option was given; a path not ending in .npy is an input error. */
    void write(Mat[] jacobians) {
        if (file == null) return;
        check();
        Npy.write(file, jacobians);
    }

    /** Validates the path before any work is done. */
    void check() {
        if (file != null && !file.getFileName().toString().endsWith(".npy"))
            throw new InputException("--save-jacobians " + file + ": expected a .npy file name");
    }
}
