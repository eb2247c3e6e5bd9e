package io.scorescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.experiment.ModelSource;
import io.scorescope.io.Json;
import io.scorescope.io.Npy;
import io.scorescope.math.Mat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI contract for every subcommand: bad input (wrong types, missing files, unwritable output folders,
 * out-of-range numbers, unknown names) answers with exactly one line on stderr and exit code 2;
 * {@code --help} and {@code --version} exit 0. New subcommands: add rows to {@link #badInput()};
 * help, version and unknown options are checked for every registered subcommand automatically.
 */
class CliContractTest {
    @TempDir static Path tmp;
    static Path model, file, unwritable, missing;

    @BeforeAll
    static void tinyModel() throws IOException {
        model = tmp.resolve("model");
        CliRun r = CliRun.of("train", "--out", model.toString(), "--steps", "20", "--batch", "16", "--hidden", "8",
                "--depth", "1", "--n-train", "50", "--checkpoint-every", "50");
        assertEquals(0, r.code(), r.toString());
        file = Files.writeString(tmp.resolve("plain.txt"), "x");
        unwritable = file.resolve("sub");   // a folder under a regular file can never be created
        missing = tmp.resolve("missing");
    }

    /** Rows: a name and the arguments. Paths are filled in when the table is built (after @BeforeAll). */
    static List<String[]> badInput() {
        String m = model.toString(), out = tmp.resolve("out").toString(), u = unwritable.toString(), x = missing.toString();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"data", "nope"});
        rows.add(new String[] {"data", "list", "extra"});
        String[] train = {"train", "--out", out, "--steps", "5"};
        rows.add(cat(train, "--steps", "many"));
        rows.add(cat(train, "--steps", "-3"));
        rows.add(cat(train, "--batch", "0"));
        rows.add(cat(train, "--lr", "-1"));
        rows.add(cat(train, "--hidden", "-8"));
        rows.add(cat(train, "--n-train", "-1"));
        rows.add(cat(train, "--data", "digits", "--arch", "unet", "--bottleneck-blocks", "0"));
        rows.add(cat(train, "--checkpoint-every", "-5"));
        rows.add(cat(train, "--seed", "1.5"));
        rows.add(cat(train, "--data", "nosuchmanifold"));
        rows.add(cat(train, "--data", x + ".csv"));
        rows.add(cat(train, "--model", "transformer"));
        rows.add(cat(train, "--model", "energy", "--param", "score"));
        rows.add(cat(train, "--noise", "pink"));
        rows.add(cat(train, "--sigma-min", "3"));
        rows.add(new String[] {"train", "--out", u, "--steps", "5"});
        rows.add(new String[] {"train", "--out", x, "--resume"});
        rows.add(new String[] {"train", "--steps", "5"});
        String[] sample = {"sample", "--model", m, "--out", out};
        rows.add(cat(sample, "--n", "-1"));
        rows.add(cat(sample, "--n", "two"));
        rows.add(cat(sample, "--steps", "0"));
        rows.add(cat(sample, "--sampler", "magic"));
        rows.add(cat(sample, "--schedule", "linear"));
        rows.add(cat(sample, "--prior", "uniform"));
        rows.add(cat(sample, "--sigma-min", "-1"));
        rows.add(new String[] {"sample", "--model", x, "--out", out});
        rows.add(new String[] {"sample", "--model", file.toString(), "--out", out});
        rows.add(new String[] {"sample", "--model", m, "--out", u});
        String[] evaluate = {"evaluate", "--model", m, "--n", "8", "--steps", "2", "--loss-draws", "8"};
        rows.add(cat(evaluate, "--n", "-4"));
        rows.add(cat(evaluate, "--steps", "x"));
        rows.add(cat(evaluate, "--loss-draws", "1"));
        rows.add(cat(evaluate, "--sampler", "magic"));
        rows.add(cat(evaluate, "--schedule", "cosine"));
        rows.add(cat(evaluate, "--prior", "uniform"));
        rows.add(new String[] {"evaluate", "--model", x});
        rows.add(cat(evaluate, "--grid", tmp.resolve("g.png").toString()));   // --grid needs an image model
        rows.add(cat(evaluate, "--denoising-sigmas", "0.1,-1"));
        rows.add(cat(evaluate, "--denoising-sigmas", "0.1,NaN"));
        rows.add(cat(evaluate, "--denoising-sigmas", "0.1,abc"));
        rows.add(cat(evaluate, "--denoising-sigmas", "0.1"));                  // likewise an image model
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> badInputAnswersWithOneLineAndExitTwo() {
        return badInput().stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), r.toString());
            assertEquals(1, r.errLines().size(), r.toString());
            assertTrue(r.errLines().get(0).startsWith("scorescope: "), r.toString());
            assertFalse(r.err().contains("Exception"), r.toString());   // words, not Java class names
        }));
    }

    @Test
    void anOutputFolderBlockedByAFileIsNamedInWords() {
        for (String cmd : List.of("train", "sample")) {
            String[] args = cmd.equals("train") ? new String[] {"train", "--out", unwritable.toString(), "--steps", "5"}
                    : new String[] {"sample", "--model", model.toString(), "--out", unwritable.toString()};
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), r.toString());
            assertEquals(List.of("scorescope: cannot create output folder " + unwritable + ": a file is in the way (" + file + ")"),
                    r.errLines(), r.toString());
        }
    }

    /**
     * {@code sample --prior data} starts from p_sigma_max exactly: with the seed of an isotropic run, each first iterate
     * minus the isotropic one is a training point of the model, and the provenance names the prior.
     */
    @Test
    void theDataPriorStartsFromNoisedTrainingPoints() {
        Path iso = tmp.resolve("prior-iso"), data = tmp.resolve("prior-data");
        for (Path out : List.of(iso, data)) {
            String kind = out == iso ? "isotropic" : "data";
            CliRun r = CliRun.of("sample", "--model", model.toString(), "--out", out.toString(), "--n", "12", "--steps", "1", "--prior", kind);
            assertEquals(0, r.code(), r.toString());
            assertEquals(kind, Json.read(out.resolve("provenance.json")).findValue("prior_kind").asText());
        }
        Npy.NpyArray a = Npy.read(data.resolve("sequences.npy")), b = Npy.read(iso.resolve("sequences.npy"));
        int levels = a.shape()[1], d = a.shape()[2];
        Mat points = ModelSource.fromCheckpoint(model).trainingData(null, 0, 0).orElseThrow().points();
        for (int i = 0; i < 12; i++) {
            int first = i * levels * d;
            boolean found = false;
            for (int k = 0; k < points.rows() && !found; k++) {
                boolean same = true;
                for (int j = 0; j < d; j++) same &= Math.abs(a.data()[first + j] - b.data()[first + j] - points.get(k, j)) < 1e-9;
                found = same;
            }
            assertTrue(found, "start " + i + " minus the isotropic start is not a training point");
        }
    }

    /** Every registered command and subcommand, as argument prefixes ("", "train", "data list", ...). */
    static List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
        out.add(prefix);
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().aliases().length > 0 && !sub.getCommandName().equals(name)) return;
            List<String> p = new ArrayList<>(prefix);
            p.add(name);
            collect(sub, p, out);
        });
    }

    @TestFactory
    Stream<DynamicTest> helpVersionAndUnknownOptionsWorkEverywhere() {
        return commands().stream().flatMap(cmd -> Stream.of(
                DynamicTest.dynamicTest(cmd + " --help", () -> {
                    CliRun r = CliRun.of(cat(cmd.toArray(String[]::new), "--help"));
                    assertEquals(0, r.code(), r.toString());
                    assertTrue(r.out().contains("Usage:"), r.toString());
                }),
                DynamicTest.dynamicTest(cmd + " --version", () -> {
                    CliRun r = CliRun.of(cat(cmd.toArray(String[]::new), "--version"));
                    assertEquals(0, r.code(), r.toString());
                    assertTrue(r.out().startsWith("scorescope "), r.toString());
                }),
                DynamicTest.dynamicTest(cmd + " --no-such-option", () -> {
                    CliRun r = CliRun.of(cat(cmd.toArray(String[]::new), "--no-such-option"));
                    assertEquals(2, r.code(), r.toString());
                    assertEquals(1, r.errLines().size(), r.toString());
                })));
    }

    static String[] cat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
