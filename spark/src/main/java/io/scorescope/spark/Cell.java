package io.scorescope.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.experiment.AnalysisFiles;
import io.scorescope.experiment.Experiment;
import io.scorescope.experiment.ImageData;
import io.scorescope.experiment.ProgressListener;
import io.scorescope.experiment.Summary;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.report.ImageReport;
import io.scorescope.report.ManifoldReport;
import io.scorescope.report.ReportFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One cell's work, callable without Spark: the {@code reproduce} pipeline ({@link Experiment#run}, silent) with the
 * cell's seed, budget and network overrides, written into a temporary folder beside the result and renamed to
 * {@code CELLS/<hash>/} when complete, so a cell folder is either absent or finished. It holds summary.json and
 * provenance.json exactly as {@code reproduce} writes them, the model and control folders, the atlas row
 * (cell.json) and, if the plan asks, the report. A finished cell is never run again; if two attempts of the same
 * cell race (a retried Spark task), the first rename wins and the other attempt's folder is deleted.
 */
public final class Cell {
    public static final String SUMMARY = "summary.json", PROVENANCE = "provenance.json", ROW = "cell.json";

    private Cell() {}

    /** The cell's folder under cells. */
    public static Path dir(Path cells, CellSpec spec) { return cells.resolve(spec.hash()); }

    public static boolean finished(Path cells, CellSpec spec) { return Files.isRegularFile(dir(cells, spec).resolve(SUMMARY)); }

    /** Runs the cell unless finished; returns its atlas row (the content of cell.json) as compact JSON. */
    public static String run(CellSpec spec, String cellsDir) {
        Path cells = Path.of(cellsDir), dir = dir(cells, spec);
        if (finished(cells, spec)) return read(dir);
        Path tmp = cells.resolve("." + spec.hash() + ".tmp-" + UUID.randomUUID());
        try {
            long t0 = System.nanoTime();
            Experiment.Result r = Experiment.run(new Experiment.Settings(spec.data(), spec.budget(), spec.seed(), null, null, null, tmp,
                    spec.overrides()), ProgressListener.SILENT);
            ObjectNode provenance = Summary.provenance(r).toJson();
            if (spec.report()) {
                ReportFiles.writeAll(r.kind() instanceof ImageData ? ImageReport.build(r, provenance) : ManifoldReport.build(r, provenance), tmp);
                AnalysisFiles.writeAll(r);
            }
            Json.write(tmp.resolve(PROVENANCE), provenance);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ObjectNode summary = Summary.build(r, seconds, provenance);
            Json.write(tmp.resolve(SUMMARY), summary);
            Json.write(tmp.resolve(ROW), AtlasRow.of(spec, summary, bands(r)));
            publish(tmp, dir);
            return read(dir);
        } finally {
            deleteTree(tmp);
        }
    }

    /** A3's numbers per noise band of the model's analysis table (reference frame), for the atlas. */
    static ObjectNode bands(Experiment.Result r) {
        AnalysisTable t = r.analyses().model();
        return NoiseBands.a3(t.rows(), r.kind().noiseUnit());
    }

    /** Renames tmp to dir; if another attempt got there first, keeps its folder. */
    private static void publish(Path tmp, Path dir) {
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!Files.isRegularFile(dir.resolve(SUMMARY))) throw new InputException("cell folder " + dir + " exists but is not a finished cell", e);
        } catch (AtomicMoveNotSupportedException e) {
            throw new InputException("cannot publish cell " + dir + ": the file system cannot rename folders atomically", e);
        } catch (IOException e) {
            if (Files.isRegularFile(dir.resolve(SUMMARY))) return;
            throw new InputException("cannot publish cell " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path dir) {
        try {
            return Json.MAPPER.readTree(Files.readString(dir.resolve(ROW))).toString();
        } catch (IOException e) {
            throw new InputException("cannot read finished cell " + dir.resolve(ROW) + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a stale temporary folder is ignored by the sweep (only <hash>/summary.json counts)
        }
    }
}
