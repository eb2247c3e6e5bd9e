package io.scorescope.cli;

import io.scorescope.data.ImageSets;
import io.scorescope.data.Manifold;
import io.scorescope.data.Manifolds;
import picocli.CommandLine.Command;

/** {@code scorescope data list}: the built-in data sets. */
@Command(name = "data", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Built-in data sets.", subcommands = DataCommand.ListCommand.class)
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "List the built-in manifolds (intrinsic dimension d, ambient dimension D) and image sets (D pixels).")
    static final class ListCommand implements Runnable {
        @Override public void run() {
            System.out.printf("%-14s %3s %4s  %s%n", "name", "d", "D", "description");
            for (String name : Manifolds.names()) {
                Manifold m = Manifolds.byName(name);
                System.out.printf("%-14s %3d %4d  %s%n", name, m.intrinsicDim(), m.ambientDim(), m.describe());
            }
            System.out.println();
            System.out.println("Image sets (d unknown), as NAME[:option,...] with options " + String.join("; ", ImageSets.OPTIONS) + ":");
            for (ImageSets.Info s : ImageSets.CATALOGUE)
                System.out.printf("%-14s %3s %4d  %s%dx%d images: %s%n", s.name(), "-", s.dim(),
                        s.channels() == 1 ? "" : s.channels() + "x", s.height(), s.width(), s.description());
            System.out.println();
            System.out.println("Files: any .csv (numbers, optional header) or .npy (2-D float32/float64) path.");
        }
    }
}
