package io.scorescope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSetsTest {
    @TempDir Path dir;

    /** An IDX file of unsigned bytes with the given dims (count first) and payload. */
    static byte[] idx(int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.put(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) b.putInt(d);
        return b.put(payload).array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) { g.write(raw); }
        return out.toByteArray();
    }

    @Test
    void digitsAreThe1797UciImagesScaledToPlusMinusOne() {
        ImageDataset all = ImageSets.resolve("digits:split=all");
        assertEquals(1797, all.size());
        assertEquals(64, all.dim());
        assertEquals(8, all.height());
        // first row of the file: 0,0,5,13,9,1,0,0,... label 0
        assertEquals(0, all.labels()[0]);
        assertEquals(-1, all.images().get(0, 0), 0);
        assertEquals(5 / 8.0 - 1, all.images().get(0, 2), 1e-15);
        assertEquals(13 / 8.0 - 1, all.images().get(0, 3), 1e-15);
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, all.labelCounts());
        assertEquals(1438, ImageSets.resolve("digits").size());
        assertEquals(359, ImageSets.resolve("digits:split=test").size());
        assertEquals(Arrays.stream(all.images().data()).min().orElseThrow(), -1, 0);
        assertEquals(Arrays.stream(all.images().data()).max().orElseThrow(), 1, 0);
    }

    @Test
    void theCatalogueListsEveryImageSetWithTheShapeOfItsData() {
        assertEquals(ImageSets.NAMES, ImageSets.CATALOGUE.stream().map(ImageSets.Info::name).toList());
        for (ImageSets.Info info : ImageSets.CATALOGUE) {
            ImageDataset d = ImageSets.resolve(info.name() + ":n=2");
            assertEquals(List.of(info.channels(), info.height(), info.width(), info.dim()),
                    List.of(d.channels(), d.height(), d.width(), d.dim()), info.name());
        }
    }

    @Test
    void mnistSubsetIsTheFirstThousandTestImagesWithLabelsAndOptions() {
        ImageDataset all = ImageSets.resolve("mnist:split=all");
        assertEquals(1000, all.size());
        assertEquals(784, all.dim());
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(all.labels(), 10));
        assertEquals(800, ImageSets.resolve("mnist").size());
        ImageDataset ones = ImageSets.resolve("mnist:digits=0,1,n=50,split=all");
        assertEquals(50, ones.size());
        assertTrue(Arrays.stream(ones.labels()).allMatch(l -> l == 0 || l == 1));
        assertTrue(ones.info().toString().contains("sha256"));
        ImageDataset fashion = ImageSets.resolve("fashion-mnist:split=test");
        assertEquals(200, fashion.size());
        assertEquals("images", fashion.info().get("kind").asText());
        TrainingData td = TrainingData.resolve("mnist:digits=3,n=10", 20000, 0);
        assertEquals(10, td.points().rows());
        assertEquals(10, TrainingData.fromInfo(td.info()).points().rows());
    }

    @Test
    void anyFolderWithStandardNamesWorksRawOrGzipped() throws IOException {
        byte[] px = new byte[3 * 4 * 4];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 5);
        Files.write(dir.resolve("train-images-idx3-ubyte"), idx(new int[] {3, 4, 4}, px));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(new int[] {3}, new byte[] {2, 0, 9})));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(idx(new int[] {2, 4, 4}, new byte[32])));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {2}, new byte[] {5, 6}));
        ImageDataset train = ImageSets.resolve("mnist:dir=" + dir);
        assertEquals(3, train.size());
        assertArrayEquals(new int[] {2, 0, 9}, train.labels());
        assertEquals(2 * 235 / 255.0 - 1, train.images().get(2, 15), 1e-15);   // byte 47 * 5 = 235
        assertEquals(2, ImageSets.resolve("mnist:dir=" + dir + ",split=test").size());
        assertEquals(5, ImageSets.resolve("mnist:split=all,dir=" + dir).size());
    }

    @Test
    void missingOrCorruptFilesNameTheFilesAndTheFetchCommand() throws IOException {
        String m = assertThrows(InputException.class, () -> ImageSets.resolve("mnist:dir=" + dir)).getMessage();
        assertTrue(m.contains("train-images-idx3-ubyte") && m.contains("scripts/fetch-data.sh"), m);
        m = assertThrows(InputException.class, () -> ImageSets.resolve("digits:dir=" + dir.resolve("nope"))).getMessage();
        assertTrue(m.contains("scripts/fetch-data.sh"), m);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {2, 4, 4}, new byte[31]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {2}, new byte[2]));
        m = assertThrows(InputException.class, () -> ImageSets.resolve("mnist:dir=" + dir)).getMessage();
        assertTrue(m.contains("t10k-images-idx3-ubyte") && m.contains("32 bytes"), m);
        Files.writeString(dir.resolve("digits.csv"), "1,2,3\n");
        m = assertThrows(InputException.class, () -> ImageSets.resolve("digits:dir=" + dir)).getMessage();
        assertTrue(m.contains("line 1") && m.contains("64 pixel values"), m);
        m = assertThrows(InputException.class, () -> ImageSets.resolve("mnist:bogus=1")).getMessage();
        assertTrue(m.contains("unknown option"), m);
        assertThrows(InputException.class, () -> ImageSets.resolve("mnist:digits=x"));
    }

    @Property(tries = 300)
    void randomBytesNeverCrashTheIdxReader(@ForAll @Size(max = 64) byte[] bytes, @ForAll boolean gz) throws IOException {
        byte[] file = gz ? gzip(bytes) : bytes;
        try {
            Idx.Array a = Idx.parse(file, "fuzz");
            assertEquals(a.data().length, Arrays.stream(a.dims()).asLongStream().reduce(1, (x, y) -> x * y));
        } catch (InputException expected) {
            // a clear one-line rejection is the other allowed outcome
        }
    }

    @Property(tries = 300)
    void mutatedValidFilesParseCorrectlyOrAreRejected(@ForAll @IntRange(min = 0, max = 40) int pos, @ForAll byte value,
                                                      @ForAll boolean gz, @ForAll @IntRange(min = 0, max = 3) int cut) throws IOException {
        byte[] payload = new byte[2 * 3 * 3];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) (7 * i);
        byte[] valid = idx(new int[] {2, 3, 3}, payload);
        byte[] mutated = Arrays.copyOf(valid, valid.length - cut);
        if (pos < mutated.length) mutated[pos] = value;
        byte[] file = gz ? gzip(mutated) : mutated;
        Idx.Array a;
        try {
            a = Idx.parse(file, "fuzz");
        } catch (InputException expected) {
            return;
        }
        long n = Arrays.stream(a.dims()).asLongStream().reduce(1, (x, y) -> x * y);
        assertEquals(n, a.data().length);
        assertEquals(cut, 0, "a truncated file must not parse");
        if (pos >= 4 + 12 && pos < mutated.length) assertEquals(value, a.data()[pos - 16]);   // payload byte changed, header intact
    }

    @Test
    void hugeDimensionsInATinyFileAreRejectedBeforeAllocation() throws IOException {
        byte[] lie = idx(new int[] {60000, 28, 28}, new byte[10]);
        String m = assertThrows(InputException.class, () -> Idx.parse(lie, "lie")).getMessage();
        assertTrue(m.contains("47040000"), m);
        byte[] huge = idx(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, new byte[0]);
        assertThrows(InputException.class, () -> Idx.parse(gzip(huge), "huge"));
        assertThrows(InputException.class, () -> Idx.parse(gzip(idx(new int[] {1 << 30}, new byte[1])), "gz-lie"));
        assertEquals(0, Arbitraries.integers().between(0, 0).sample());
    }
}
