package vn.caunoi.core.hierarchy;

import vn.caunoi.core.common.Actor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The official unit lists shipped with the library as reference data: Hưng Yên (33) and Thái Bình
 * (34) from 2024-05-01 to today, with their three reorganisations (2024-11-01, 2025-01-01 and the
 * reform of 2025-07-01). Their provenance is in {@code reference/PROVENANCE.md} beside them.
 */
public final class ReferenceUnits {

    /** The date of the first list. */
    public static final LocalDate FIRST_LIST = LocalDate.of(2024, 5, 1);

    private static final String BASE = "/vn/caunoi/core/hierarchy/reference/";

    private ReferenceUnits() {
    }

    /** A file of the reference data by name (e.g. {@code changes-2025-07-01.csv}, {@code PROVENANCE.md}). */
    public static byte[] file(String name) {
        try (InputStream in = ReferenceUnits.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no reference file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports the lists and their changes in date order. Safe to call twice: the second call changes nothing. */
    public static List<ImportResult> importAll(HierarchyImporter importer, Actor actor) {
        return importAll(importer, actor, "snapshot-2024-05-01.csv", UnaryOperator.identity());
    }

    /**
     * As {@link #importAll(HierarchyImporter, Actor)}, with the first list rewritten (under the name
     * {@code firstListName}) before it is imported: how a province adds its villages to the lists.
     */
    public static List<ImportResult> importAll(HierarchyImporter importer, Actor actor, String firstListName,
                                               UnaryOperator<byte[]> firstList) {
        List<ImportResult> results = new ArrayList<>();
        results.add(importer.importSnapshot(actor, firstListName, firstList.apply(file("snapshot-2024-05-01.csv")), FIRST_LIST));
        for (String[] step : new String[][]{{"2024-11-01", "2024-11-01"}, {"2025-01-01", "2025-03-01"}, {"2025-07-01", "2025-07-01"}}) {
            String changes = "changes-" + step[0] + ".csv";
            String after = "snapshot-" + step[1] + ".csv";
            results.add(importer.importChanges(actor, changes, file(changes), after, file(after)));
        }
        return results;
    }
}
