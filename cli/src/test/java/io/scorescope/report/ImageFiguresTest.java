package io.scorescope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.ImageDataset;
import io.scorescope.data.ImageSets;
import io.scorescope.field.Posterior;
import io.scorescope.field.SmoothedEmpiricalField;
import io.scorescope.geometry.LocalFeatures;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.sde.Samplers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image figures on the 8x8 digits, with the exact smoothed-empirical field standing in for a model. */
class ImageFiguresTest {
    @Test
    void allImageFiguresRenderThroughTheReportWriter(@TempDir Path out) throws Exception {
        ImageDataset train = ImageSets.resolve("digits:digits=0,1,2,n=120");
        SmoothedEmpiricalField field = new SmoothedEmpiricalField(train.images());
        SamplerConfig cfg = SamplerConfig.defaults(0.05, 2).withSchedule("geometric", 20);
        SampleSequence.Recorder rec = SampleSequence.recorder(cfg.noiseSchedule(), 4, 64, true);
        Mat samples = Samplers.sample(field, Prior.ISOTROPIC.draw(4, 64, cfg.sigmaMax(), new Rng(1)), cfg, new Rng(2), rec);
        SampleSequence seq = rec.sequence();

        double[] sigmas = {1.0, 0.3, 0.1};
        Mat x = Mat.repeatRow(samples.row(0), 3);
        LocalFeatures[] lf = LocalFeatures.of(field.jacobian(x, sigmas), sigmas);
        Posterior[] post = new Posterior[2];
        for (int i = 0; i < 2; i++) post[i] = Posterior.at(samples.row(i), 0.3, train.images(), new double[train.size()]);

        ImageGridFigure grid = ImageFigures.sampleGrid("samples", "Samples", samples, train, 4);
        ImageGridFigure strips = ImageFigures.sequenceStrips("strips", "Sequences", seq, train, new int[] {0, 1}, 5);
        ImageGridFigure feats = ImageFigures.localFeatures("features", "Local features", lf, train, 4);
        ImageGridFigure top = ImageFigures.posteriorTopImages("posterior", "Posterior", samples.rows(0, 2), post, train, 5);
        assertEquals(4, grid.images().size());
        assertEquals(2 * 2 * 5, strips.images().size());
        assertEquals(3 * 4, feats.images().size());
        assertEquals(2 * 6, top.images().size());
        assertEquals(GrayImage.Palette.DIVERGING, feats.images().get(0).palette());
        // the largest-weight training image is first and its caption carries its label
        int best = 0;
        for (int k = 1; k < train.size(); k++) if (post[0].weights()[k] > post[0].weights()[best]) best = k;
        assertTrue(top.images().get(1).caption().startsWith("#" + best + " "), top.images().get(1).caption());

        Section s = new Section("images", "Images", "", Badge.notEvaluated("figures only"), "", List.of(),
                List.of(grid, strips, feats, top), null, List.of());
        Path html = ReportFiles.writeAll(new Report("Image figures", "test", Json.object(), List.of(s)), out);
        assertTrue(Files.size(html) > 0);
        for (String id : List.of("samples", "strips", "features", "posterior"))
            assertTrue(Files.list(out.resolve("figures")).anyMatch(p -> p.getFileName().toString().startsWith(id)), id);
    }
}
