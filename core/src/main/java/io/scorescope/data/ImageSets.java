package io.scorescope.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.io.Sha256;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The image data sets by name: {@code digits} (UCI 8x8, 1797 images), {@code mnist} and {@code fashion-mnist}
 * (28x28). Spec: {@code NAME[:key=value,...]} with
 * <ul>
 *   <li>{@code dir=PATH}: a folder holding the standard files (train-images-idx3-ubyte[.gz],
 *       train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]; for digits
 *       digits.csv[.gz]); default: the subsets shipped in the jar (all 1797 digits; the first 1000 test
 *       images of MNIST and Fashion-MNIST);</li>
 *   <li>{@code split=train|test|all} (default train): with train files present, train and test are the
 *       official splits; otherwise (digits, the shipped subsets) the first 80% of the images are "train" and
 *       the rest "test";</li>
 *   <li>{@code digits=0,1} (or {@code labels=}): keep these labels; {@code n=N}: then keep the first N.</li>
 * </ul>
 * The full sets come from {@code scripts/fetch-data.sh DIR}.
 */
public final class ImageSets {
    /** One image data set for listings: its name, image shape (D = channels x height x width) and contents. */
    public record Info(String name, int channels, int height, int width, String description) {
        public int dim() { return channels * height * width; }
    }

    /** The image data sets (the registry behind {@link #NAMES} and 'data list'). */
    public static final List<Info> CATALOGUE = List.of(
            new Info("digits", 1, 8, 8, "UCI handwritten digits, 1797 images (all shipped)"),
            new Info("mnist", 1, 28, 28, "MNIST handwritten digits (first 1000 test images shipped; full set with dir=)"),
            new Info("fashion-mnist", 1, 28, 28, "Fashion-MNIST clothing (first 1000 test images shipped; full set with dir=)"));
    public static final List<String> NAMES = CATALOGUE.stream().map(Info::name).toList();
    /** The spec options after NAME: (see the class comment). */
    public static final List<String> OPTIONS = List.of("dir=PATH", "split=train|test|all (default train)",
            "digits=0,1,.. (or labels=)", "n=N");
    public static final String FETCH = "scripts/fetch-data.sh DIR";
    static final String RESOURCE_ROOT = "/scorescope-data/";
    private static final String[] IDX_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final double TRAIN_FRACTION = 0.8;

    private ImageSets() {}

    /** True when the --data spec names an image data set. */
    public static boolean handles(String spec) {
        return NAMES.contains(spec.split(":", 2)[0].toLowerCase(Locale.ROOT));
    }

    /** Loads the data set a spec names (see the class comment). */
    public static ImageDataset resolve(String spec) {
        String[] parts = spec.split(":", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) throw new InputException("unknown image data set '" + parts[0] + "'; expected one of " + NAMES);
        Map<String, String> opt = options(parts.length > 1 ? parts[1] : "", spec);
        Source src = opt.containsKey("dir") ? new DirSource(Path.of(opt.get("dir"))) : new ResourceSource(name);
        String split = opt.getOrDefault("split", "train");
        if (!List.of("train", "test", "all").contains(split)) throw new InputException(spec + ": split must be train, test or all, got '" + split + "'");
        ImageDataset d = name.equals("digits") ? digits(src, spec, split) : idx(name, src, spec, split);
        String labels = opt.containsKey("digits") ? opt.get("digits") : opt.get("labels");
        if (labels != null) d = d.withLabels(parseInts(labels, spec, "digits"));
        if (opt.containsKey("n")) {
            int n = parseInts(opt.get("n"), spec, "n")[0];
            if (n < 2) throw new InputException(spec + ": n must be >= 2, got " + n);
            d = d.head(n);
        }
        if (d.size() < 2) throw new InputException(spec + ": only " + d.size() + " image(s) match; need at least 2");
        return d;
    }

    /** Reloads the images a model was trained on from the description {@link ImageDataset#info()} stored with it. */
    /** True when a data description (TrainingData.info, a checkpoint's data) is of an image data set. */
    public static boolean isImageData(ObjectNode info) { return "images".equals(info.path("kind").asText()); }

    /** The same spec with split=test: the held-out images (never trained on) of a run that trains on the training split. */
    public static String testSpec(String spec) {
        String[] parts = spec.split(":", 2);
        List<String> kept = new ArrayList<>();
        if (parts.length > 1)
            for (String tok : parts[1].split(",")) {
                String t = tok.trim();
                if (t.isEmpty()) continue;
                if (t.startsWith("split=")) {
                    if (!t.equals("split=train"))
                        throw new InputException("reproduce trains on the training split and holds out the test split; drop '" + t + "' from --data " + spec);
                    continue;
                }
                kept.add(t);
            }
        kept.add("split=test");
        return parts[0] + ":" + String.join(",", kept);
    }

    public static ImageDataset fromInfo(ObjectNode info) {
        if (!isImageData(info)) throw new InputException("the model was not trained on an image data set");
        return resolve(info.path("spec").asText());
    }

    // ---------------------------------------------------------------- formats

    private static ImageDataset idx(String name, Source src, String spec, String split) {
        boolean hasTrain = src.exists(IDX_FILES[0]) && src.exists(IDX_FILES[1]);
        boolean hasTest = src.exists(IDX_FILES[2]) && src.exists(IDX_FILES[3]);
        if (!hasTrain && !hasTest)
            throw new InputException(name + ": no IDX files in " + src.where() + "; expected " + String.join("[.gz], ", IDX_FILES)
                    + "[.gz] (train and/or t10k pair); fetch them with " + FETCH);
        ObjectNode files = Json.object();
        List<ImageDataset> parts = new ArrayList<>();
        if (hasTrain && !split.equals("test")) parts.add(idxPair(name, src, 0, files));
        if (hasTest && (!hasTrain || !split.equals("train"))) parts.add(idxPair(name, src, 2, files));
        ImageDataset all = concat(parts, name, spec, files, hasTrain ? split : split + " (first 80% train, no official train files)");
        return hasTrain ? all : splitFraction(all, split);
    }

    private static ImageDataset idxPair(String name, Source src, int first, ObjectNode files) {
        String imgName = IDX_FILES[first], labName = IDX_FILES[first + 1];
        Idx.Array img = Idx.parse(src.read(imgName, files), src.describe(imgName));
        Idx.Array lab = Idx.parse(src.read(labName, files), src.describe(labName));
        if (img.dims().length != 3) throw new InputException(src.describe(imgName) + ": expected images of rank 3 (n, rows, cols), got rank " + img.dims().length);
        if (lab.dims().length != 1) throw new InputException(src.describe(labName) + ": expected labels of rank 1, got rank " + lab.dims().length);
        if (img.count() != lab.count())
            throw new InputException(src.describe(imgName) + " holds " + img.count() + " images but " + src.describe(labName) + " " + lab.count() + " labels");
        int n = img.count(), h = img.dims()[1], w = img.dims()[2], d = h * w;
        double[] v = new double[Math.multiplyExact(n, d)];
        for (int k = 0; k < v.length; k++) v[k] = img.get(k) * (2.0 / 255) - 1;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = lab.get(i);
            if (labels[i] > 9) throw new InputException(src.describe(labName) + ": label " + labels[i] + " at item " + i + " (expected 0..9)");
        }
        return new ImageDataset(name, new Mat(n, d, v), labels, 1, h, w, Json.object());
    }

    private static ImageDataset digits(Source src, String spec, String split) {
        String file = "digits.csv";
        if (!src.exists(file))
            throw new InputException("digits: no digits.csv[.gz] in " + src.where() + "; fetch it with " + FETCH);
        ObjectNode files = Json.object();
        byte[] bytes = src.read(file, files);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String where = src.describe(file);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(maybeGunzip(bytes), StandardCharsets.US_ASCII))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                if (f.length != 65) throw new InputException(where + " line " + no + ": expected 64 pixel values and a label, found " + f.length + " fields");
                double[] px = new double[64];
                for (int k = 0; k < 65; k++) {
                    int v;
                    try {
                        v = Integer.parseInt(f[k].trim());
                    } catch (NumberFormatException e) {
                        throw new InputException(where + " line " + no + ", field " + (k + 1) + ": '" + f[k] + "' is not an integer");
                    }
                    int max = k < 64 ? 16 : 9;
                    if (v < 0 || v > max) throw new InputException(where + " line " + no + ", field " + (k + 1) + ": " + v + " is outside 0.." + max);
                    if (k < 64) px[k] = v * (2.0 / 16) - 1; else labels.add(v);
                }
                rows.add(px);
            }
        } catch (IOException e) {
            throw new InputException(where + ": cannot read (" + AtomicFiles.describe(e) + "); fetch it again with " + FETCH, e);
        }
        Mat m = Mat.stackRows(rows.toArray(new double[0][]), 64);
        ImageDataset all = new ImageDataset("digits", m, labels.stream().mapToInt(Integer::intValue).toArray(), 1, 8, 8,
                source(spec, "digits", files, split + (split.equals("all") ? "" : " (first 80% train)")));
        return splitFraction(all, split);
    }

    private static ImageDataset concat(List<ImageDataset> parts, String name, String spec, ObjectNode files, String split) {
        int n = parts.stream().mapToInt(ImageDataset::size).sum();
        ImageDataset first = parts.get(0);
        Mat m = new Mat(n, first.dim());
        int[] labels = new int[n];
        int off = 0;
        for (ImageDataset p : parts) {
            if (p.dim() != first.dim()) throw new InputException(name + ": train and test images differ in size");
            System.arraycopy(p.images().data(), 0, m.data(), off * first.dim(), p.size() * first.dim());
            System.arraycopy(p.labels(), 0, labels, off, p.size());
            off += p.size();
        }
        return new ImageDataset(name, m, labels, first.channels(), first.height(), first.width(), source(spec, name, files, split));
    }

    /** Without an official split: the first 80% are train, the rest test. */
    private static ImageDataset splitFraction(ImageDataset all, String split) {
        int cut = (int) Math.round(all.size() * TRAIN_FRACTION);
        return switch (split) {
            case "train" -> all.range(0, cut);
            case "test" -> all.range(cut, all.size());
            default -> all;
        };
    }

    private static ObjectNode source(String spec, String name, ObjectNode files, String split) {
        ObjectNode s = Json.object().put("spec", spec).put("name", name).put("split", split);
        s.set("files", files);
        return s;
    }

    private static Map<String, String> options(String text, String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        for (String tok : text.split(",")) {
            if (tok.isBlank()) continue;
            int eq = tok.indexOf('=');
            if (eq > 0) {
                key = tok.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                if (!List.of("dir", "split", "digits", "labels", "n").contains(key))
                    throw new InputException(spec + ": unknown option '" + key + "'; expected dir, split, digits (or labels), n");
                out.put(key, tok.substring(eq + 1).trim());
            } else if (key != null && (key.equals("digits") || key.equals("labels"))) {
                out.put(key, out.get(key) + "," + tok.trim());   // digits=0,1,7
            } else {
                throw new InputException(spec + ": cannot read option '" + tok + "'; expected key=value (dir, split, digits, n)");
            }
        }
        return out;
    }

    private static int[] parseInts(String text, String spec, String what) {
        try {
            return java.util.Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new InputException(spec + ": " + what + " must be integers, got '" + text + "'");
        }
    }

    static InputStream maybeGunzip(byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b ? new GZIPInputStream(in) : in;
    }

    // ---------------------------------------------------------------- where the files are

    /** A folder of data files, each either raw or gzipped (NAME or NAME.gz). */
    private interface Source {
        boolean exists(String name);
        /** The bytes of NAME or NAME.gz; records its actual name and sha256 in {@code files}. */
        byte[] read(String name, ObjectNode files);
        String describe(String name);
        String where();
    }

    private record DirSource(Path dir) implements Source {
        DirSource {
            if (!Files.isDirectory(dir)) throw new InputException("data folder " + dir + " does not exist; fetch the data with " + FETCH);
        }
        private Path file(String name) {
            Path raw = dir.resolve(name), gz = dir.resolve(name + ".gz");
            return Files.exists(raw) ? raw : gz;
        }
        @Override public boolean exists(String name) { return Files.isRegularFile(file(name)); }
        @Override public byte[] read(String name, ObjectNode files) {
            Path p = file(name);
            try {
                byte[] b = Files.readAllBytes(p);
                files.putObject(p.getFileName().toString()).put("path", p.toAbsolutePath().toString()).put("sha256", Sha256.of(b));
                return b;
            } catch (IOException e) {
                throw new InputException(p + ": cannot read (" + AtomicFiles.describe(e) + "); fetch it again with " + FETCH, e);
            }
        }
        @Override public String describe(String name) { return file(name).toString(); }
        @Override public String where() { return dir.toString(); }
    }

    /** The subsets committed under data/ and packaged in the jar. */
    private record ResourceSource(String set) implements Source {
        private String path(String name) {
            String gz = RESOURCE_ROOT + set + "/" + name + ".gz";
            return ImageSets.class.getResource(gz) != null ? gz : RESOURCE_ROOT + set + "/" + name;
        }
        @Override public boolean exists(String name) { return ImageSets.class.getResource(path(name)) != null; }
        @Override public byte[] read(String name, ObjectNode files) {
            try (InputStream in = ImageSets.class.getResourceAsStream(path(name))) {
                if (in == null) throw new InputException("built-in " + set + " data is missing " + name + "; fetch it with " + FETCH);
                byte[] b = in.readAllBytes();
                files.putObject(path(name).substring(path(name).lastIndexOf('/') + 1)).put("path", "builtin:" + path(name)).put("sha256", Sha256.of(b));
                return b;
            } catch (IOException e) {
                throw new InputException("built-in " + set + " data: cannot read " + name + " (" + AtomicFiles.describe(e) + ")", e);
            }
        }
        @Override public String describe(String name) { return "builtin:" + path(name); }
        @Override public String where() { return "the built-in " + set + " subset"; }
    }

}
