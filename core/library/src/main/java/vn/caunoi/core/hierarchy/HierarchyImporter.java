package vn.caunoi.core.hierarchy;

import org.apache.ibatis.exceptions.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.caunoi.core.common.Actor;

import vn.caunoi.core.store.Database;




import vn.caunoi.core.text.VietnameseText;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Imports official lists of units (snapshots) and change files into the hierarchy.
 *
 * <p>Each import is one transaction: the file is parsed and checked, the change is planned in
 * memory ({@link Reorganisation}), written with set-based statements, and the structural rules are
 * checked again in SQL before commit. A file with any problem is refused whole, with every problem
 * named by file, line and column. The same bytes imported twice change nothing.
 */
public final class HierarchyImporter {

    private static final Logger log = LoggerFactory.getLogger(HierarchyImporter.class);

    private final Database db;

    public HierarchyImporter(Database db) {
        this.db = Objects.requireNonNull(db);
        db.register(HierarchyMapper.class);
    }

    /** Imports a list of units valid on {@code date} (the date the list was captured). */
    public ImportResult importSnapshot(Actor actor, String fileName, byte[] content, LocalDate date) {
        // The map is the country's: changed only by an administrator of the whole country (or the operator).
        if (!actor.unrestricted()) {
            throw vn.caunoi.core.common.AccessDeniedException.of(actor, "only an administrator of the whole country may import the map");
        }
        // The same list imported for another date is another import.
        String digest = sha256(content, date.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return db.bulk(session -> {
            HierarchyMapper m = session.mapper(HierarchyMapper.class);
            m.lockHierarchy();
            Long earlier = m.findImportByDigest(digest);
            if (earlier != null) {
                return new ImportResult(earlier, fileName, true, 0, 0, 0, Map.of(), List.of());
            }
            SnapshotFile snapshot = SnapshotFile.parse(fileName, content, date);
            LocalDate latest = m.latestChangeAfter(date.minusDays(1));
            if (latest != null) {
                // The hierarchy already moved on from this date: a snapshot may only confirm it.
                List<ImportProblem> differences = new ArrayList<>();
                try {
                    Reorganisation.Plan check = Reorganisation.plan(date, pre(m, date), List.of(), fileName, snapshot);
                    if (!check.created().isEmpty() || !check.ended().isEmpty() || !check.moves().isEmpty()) {
                        differences.add(new ImportProblem(fileName, 1, null, "it would mean " + describe(check)));
                    }
                } catch (ImportRejectedException e) {
                    differences.addAll(e.problems());
                }
                if (!differences.isEmpty()) {
                    differences.add(0, new ImportProblem(fileName, 1, null, "the list differs from the hierarchy on " + date
                            + ", which already has changes on or after that date (" + latest
                            + "); import lists and change files in date order"));
                    throw new ImportRejectedException(differences);
                }
                long id = m.insertImport("SNAPSHOT", fileName, digest, date, actor.id(), "matches the hierarchy");
                return new ImportResult(id, fileName, false, 0, 0, 0, Map.of(), List.of());
            }
            Reorganisation.Plan plan = Reorganisation.plan(date, pre(m, date.minusDays(1)), List.of(), fileName, snapshot);
            return write(m, actor, "SNAPSHOT", fileName, digest, plan);
        });
    }

    /** Imports a change file alone: parents of new units are inferred from their predecessors. */
    public ImportResult importChanges(Actor actor, String fileName, byte[] content) {
        return importChanges(actor, fileName, content, null, null);
    }

    /**
     * Imports a change file together with the list of units valid after it: the list gives the
     * parents of new units, and units of its provinces that neither file names are abolished, their
     * territory going to the units that took their children (how the 2025 end of districts is read).
     */
    public ImportResult importChanges(Actor actor, String fileName, byte[] content, String snapshotName,
                                      byte[] snapshotContent) {
        // The map is the country's: changed only by an administrator of the whole country (or the operator).
        if (!actor.unrestricted()) {
            throw vn.caunoi.core.common.AccessDeniedException.of(actor, "only an administrator of the whole country may import the map");
        }
        String digest = snapshotContent == null ? sha256(content) : sha256(content, snapshotContent);
        return db.bulk(session -> {
            HierarchyMapper m = session.mapper(HierarchyMapper.class);
            m.lockHierarchy();
            Long earlier = m.findImportByDigest(digest);
            if (earlier != null) {
                return new ImportResult(earlier, fileName, true, 0, 0, 0, Map.of(), List.of());
            }
            ChangeFile changes = ChangeFile.parse(fileName, content);
            LocalDate date = changes.effectiveDate();
            SnapshotFile after = snapshotContent == null ? null : SnapshotFile.parse(snapshotName, snapshotContent, date);
            LocalDate latest = m.latestChangeAfter(date.minusDays(1));
            if (latest != null) {
                throw new ImportRejectedException(List.of(new ImportProblem(fileName, 2, "effective_date",
                        "the hierarchy already has changes on or after " + date + " (on " + latest
                                + "); change files must be imported in date order")));
            }
            Reorganisation.Plan plan = Reorganisation.plan(date, pre(m, date.minusDays(1)), changes.rows(), fileName, after);
            return write(m, actor, "CHANGES", fileName, digest, plan);
        });
    }

    private static List<Reorganisation.Pre> pre(HierarchyMapper m, LocalDate day) {
        List<Reorganisation.Pre> pre = new ArrayList<>();
        for (UnitRow r : m.allValidOn(day)) {
            pre.add(new Reorganisation.Pre(r.id, r.level, r.code, r.name, r.kind, r.parentId));
        }
        return pre;
    }

    private ImportResult write(HierarchyMapper m, Actor actor, String kind, String fileName, String digest,
                               Reorganisation.Plan plan) {
        LocalDate date = plan.date();
        try {
            long importId = m.insertImport(kind, fileName, digest, date, actor.id(), describe(plan));
            Long[] ended = plan.ended().stream().map(Reorganisation.Pre::id).toArray(Long[]::new);
            Set<Long> relinked = new LinkedHashSet<>(List.of(ended));
            plan.moves().forEach(mv -> relinked.add(mv.unit().id()));
            if (ended.length > 0) {
                m.closeUnits(ended, date);
            }
            if (!relinked.isEmpty()) {
                m.closeParentLinks(relinked.toArray(Long[]::new), date);
            }
            List<NewUnitRow> rows = new ArrayList<>();
            for (Reorganisation.Node node : plan.created()) {
                NewUnitRow row = new NewUnitRow();
                row.level = node.level;
                row.code = node.code;
                row.name = node.name;
                row.kind = node.kind;
                row.validFrom = date;
                row.foldedName = VietnameseText.folded(node.name);
                row.foldedFull = VietnameseText.folded(node.fullName());
                row.exactName = VietnameseText.exact(node.name);
                row.exactFull = VietnameseText.exact(node.fullName());
                rows.add(row);
            }
            for (List<NewUnitRow> chunk : Database.chunks(rows)) {
                m.insertUnits(chunk);
            }
            for (int i = 0; i < rows.size(); i++) {
                plan.created().get(i).id = rows.get(i).id;
            }
            List<ParentLinkRow> parentLinks = new ArrayList<>();
            for (Reorganisation.Node node : plan.created()) {
                if (node.parent != null) {
                    parentLinks.add(new ParentLinkRow(node.id, idOf(node.parent), date));
                }
            }
            for (Reorganisation.Move move : plan.moves()) {
                parentLinks.add(new ParentLinkRow(move.unit().id(), idOf(move.newParent()), date));
            }
            for (List<ParentLinkRow> chunk : Database.chunks(parentLinks)) {
                m.insertParentLinks(chunk);
            }
            List<ChangeRow> changes = changeRows(m, importId, plan);
            for (List<ChangeRow> chunk : Database.chunks(changes)) {
                m.insertChanges(chunk);
            }
            List<String> violations = m.structureViolations();
            if (!violations.isEmpty()) {
                throw new ImportRejectedException(violations.stream()
                        .map(v -> new ImportProblem(fileName, 0, null, v)).toList());
            }
            m.analyze();
            Map<ChangeType, Integer> counts = new EnumMap<>(ChangeType.class);
            changes.forEach(c -> counts.merge(c.changeType, 1, Integer::sum));
            ImportResult result = new ImportResult(importId, fileName, false, rows.size(), ended.length,
                    plan.moves().size(), counts, plan.warnings());
            log.info("hierarchy import {} by {}: {}", importId, actor.id(), result.summary());
            return result;
        } catch (PersistenceException e) {
            throw translate(fileName, date, e);
        }
    }

    private static List<ChangeRow> changeRows(HierarchyMapper m, long importId, Reorganisation.Plan plan) {
        List<ChangeRow> rows = new ArrayList<>();
        int localEvents = plan.links().stream().mapToInt(Reorganisation.Link::event).max().orElse(0);
        long reparented = plan.moves().stream().filter(Reorganisation.Move::recordAsChange).count();
        List<Long> eventIds = localEvents + reparented == 0 ? List.of() : m.nextEventIds((int) (localEvents + reparented));
        for (Reorganisation.Link link : plan.links()) {
            ChangeRow row = new ChangeRow();
            row.eventId = eventIds.get(link.event() - 1);
            row.changeType = link.type();
            row.effectiveDate = plan.date();
            row.fromUnitId = link.from() == null ? null : link.from().id();
            row.toUnitId = link.to() == null ? null : idOf(link.to());
            row.share = link.share();
            row.legalBasis = link.legalBasis();
            row.importId = importId;
            rows.add(row);
        }
        int next = localEvents;
        for (Reorganisation.Move move : plan.moves()) {
            if (move.recordAsChange()) {
                ChangeRow row = new ChangeRow();
                row.eventId = eventIds.get(next++);
                row.changeType = ChangeType.REPARENTED;
                row.effectiveDate = plan.date();
                row.fromUnitId = move.unit().id();
                row.toUnitId = move.unit().id();
                row.share = Share.FULL;
                row.legalBasis = "now under " + move.newParent().code;
                row.importId = importId;
                rows.add(row);
            }
        }
        return rows;
    }

    private static long idOf(Reorganisation.Node node) {
        return node.continuing != null ? node.continuing.id() : Objects.requireNonNull(node.id, "unwritten unit");
    }

    private static String describe(Reorganisation.Plan plan) {
        return plan.created().size() + " new, " + plan.ended().size() + " ended, " + plan.moves().size() + " moved";
    }

    /** Constraint violations become problems a person can act on; SQL never leaves core. */
    private static RuntimeException translate(String fileName, LocalDate date, PersistenceException e) {
        Optional<SQLException> conflict = Database.sqlException(e, "23P01");
        if (conflict.isPresent()) {
            String what = String.valueOf(conflict.get().getMessage()).contains("admin_unit_code_once")
                    ? "two units would have the same code on the same day"
                    : "a unit would have two parents on the same day";
            return new ImportRejectedException(List.of(new ImportProblem(fileName, 0, null, what + " (on or after " + date + ")")));
        }
        return e;
    }

    static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
