package vn.caunoi.core.hierarchy;

import vn.caunoi.core.text.VietnameseText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans one reorganisation of the hierarchy on one date, in memory, from the units valid the day
 * before, the lineage of a change file and (optionally) the list of units valid after it.
 *
 * <p>The plan says which units end, which new units start (with their parents), which units change
 * parent, and which change links to record. Nothing is written here: the importer writes a plan in
 * one transaction, so a file is applied whole or not at all.
 *
 * <p>Rules, in short: a new code fed by a single old unit in full is that unit continuing (or
 * renamed, when its name or code changes); any other group of old units makes a new unit (merged or
 * split). With a snapshot, units of the covered provinces that are in neither file are abolished and
 * their territory goes to the units that took their children. Units below the snapshot's levels
 * (villages) follow their parent to its successor.
 */
final class Reorganisation {

    /** A unit valid the day before the change. */
    record Pre(long id, UnitLevel level, String code, String name, String kind, Long parentId) {
        String fullName() {
            return kind + " " + name;
        }
    }

    /** A unit of the hierarchy after the change: an existing unit that goes on, or a new one. */
    static final class Node {
        final UnitLevel level;
        final String code;
        final String name;
        final String kind;
        final Pre continuing;          // non-null when an existing unit goes on
        final List<ChangeFile.Row> sources = new ArrayList<>();
        Pre renamedFrom;               // a new row replacing one old unit in full
        boolean listed;                // named by a row of the change file
        String parentCode;             // from the snapshot or a new_parent_code column
        Node parent;
        int line;
        String legalBasis;
        Long id;                       // filled in when written

        Node(UnitLevel level, String code, String name, String kind, Pre continuing) {
            this.level = level;
            this.code = code;
            this.name = name;
            this.kind = kind;
            this.continuing = continuing;
        }

        boolean isNew() {
            return continuing == null;
        }

        String fullName() {
            return kind + " " + name;
        }

        @Override
        public String toString() {
            return level.name().toLowerCase() + " " + code + " (" + fullName() + ")";
        }
    }

    record Move(Pre unit, Node newParent, boolean recordAsChange) {
    }

    record Link(int event, ChangeType type, Pre from, Node to, Share share, String legalBasis) {
    }

    record Plan(LocalDate date, List<Pre> ended, List<Node> created, List<Move> moves, List<Link> links,
                List<String> warnings) {
    }

    private final LocalDate date;
    private final String changeFileName;
    private final String snapshotFileName;
    private final Map<String, Pre> preByCode = new HashMap<>();
    private final Map<Long, Pre> preById = new HashMap<>();
    private final Map<Long, List<Pre>> preChildren = new HashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();          // explicit post units by code
    private final Map<Long, Node> continuingNodes = new HashMap<>();        // pre id -> its node
    private final Map<Long, List<Node>> successors = new HashMap<>();       // pre id -> nodes that took it over
    private final Map<Long, Node> implicit = new HashMap<>();               // pre id -> node for untouched units
    private final Set<Long> ended = new LinkedHashSet<>();
    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private int events;

    private Reorganisation(LocalDate date, List<Pre> pre, String changeFileName, String snapshotFileName) {
        this.date = date;
        this.changeFileName = changeFileName;
        this.snapshotFileName = snapshotFileName;
        for (Pre p : pre) {
            preByCode.put(p.code(), p);
            preById.put(p.id(), p);
        }
        for (Pre p : pre) {
            if (p.parentId() != null) {
                preChildren.computeIfAbsent(p.parentId(), k -> new ArrayList<>()).add(p);
            }
        }
    }

    /**
     * Plans the change. {@code changes} may be empty (a snapshot alone), {@code snapshot} may be null (a
     * change file alone). Throws {@link ImportRejectedException} listing every problem found.
     */
    static Plan plan(LocalDate date, List<Pre> pre, List<ChangeFile.Row> changes, String changeFileName,
                     SnapshotFile snapshot) {
        Reorganisation r = new Reorganisation(date, pre, changeFileName, snapshot == null ? null : snapshot.fileName());
        return r.run(changes, snapshot);
    }

    private Plan run(List<ChangeFile.Row> changes, SnapshotFile snapshot) {
        Map<Pre, List<ChangeFile.Row>> destinations = readLineage(changes);
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        buildGroups(changes, destinations);
        Set<String> coveredProvinces = new HashSet<>();
        if (snapshot != null) {
            applySnapshot(snapshot, coveredProvinces, changes);
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        resolveParents();
        if (snapshot != null) {
            abolishAbsent(coveredProvinces);
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        List<Move> moves = planMoves();
        checkShape();
        checkCodes();
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        recordLinks(snapshot, coveredProvinces);
        List<Node> created = nodes.values().stream().filter(Node::isNew).toList();
        List<Pre> endedUnits = ended.stream().map(preById::get).toList();
        return new Plan(date, endedUnits, created, moves, links, warnings);
    }

    // --- lineage -------------------------------------------------------------------------------

    private Map<Pre, List<ChangeFile.Row>> readLineage(List<ChangeFile.Row> changes) {
        Map<Pre, List<ChangeFile.Row>> destinations = new LinkedHashMap<>();
        Map<String, ChangeFile.Row> firstOfGroup = new HashMap<>();
        for (ChangeFile.Row row : changes) {
            ChangeFile.Row first = firstOfGroup.putIfAbsent(row.newCode(), row);
            if (first != null && (first.level() != row.level()
                    || !VietnameseText.exact(first.newKind() + " " + first.newName())
                    .equals(VietnameseText.exact(row.newKind() + " " + row.newName())))) {
                problems.add(new ImportProblem(changeFileName, row.line(), "new_name", "new unit " + row.newCode()
                        + " is named '" + row.newKind() + " " + row.newName() + "' here but '" + first.newKind() + " "
                        + first.newName() + "' on line " + first.line()));
            }
            if (row.oldCode() == null) {
                continue;
            }
            Pre old = preByCode.get(row.oldCode());
            if (old == null) {
                problems.add(new ImportProblem(changeFileName, row.line(), "old_code",
                        "no unit has code " + row.oldCode() + " on " + date.minusDays(1)));
                continue;
            }
            if (old.level() != row.level()) {
                problems.add(new ImportProblem(changeFileName, row.line(), "level",
                        "unit " + row.oldCode() + " is a " + old.level() + ", not a " + row.level()));
                continue;
            }
            if (row.oldName() != null && !sameName(row.oldName(), old)) {
                problems.add(new ImportProblem(changeFileName, row.line(), "old_name", "'" + row.oldName()
                        + "' is not the name of unit " + old.code() + " on " + date.minusDays(1) + " ('" + old.fullName() + "')"));
                continue;
            }
            destinations.computeIfAbsent(old, k -> new ArrayList<>()).add(row);
        }
        destinations.forEach((old, rows) -> {
            long full = rows.stream().filter(r -> r.share() == Share.FULL).count();
            if (full > 0 && rows.size() > 1) {
                problems.add(new ImportProblem(changeFileName, rows.get(1).line(), "share", "unit " + old.code()
                        + " cannot go in full into " + rows.size() + " units; use partial shares for a split"));
            } else if (full == 0 && rows.size() < 2) {
                problems.add(new ImportProblem(changeFileName, rows.get(0).line(), "share", "unit " + old.code()
                        + " is split (partial) but has only one successor; list every part or use full"));
            }
        });
        return destinations;
    }

    /** Same text but for case, Unicode form and old or new tone placement ("Hoà" / "Hòa"). */
    private static boolean sameText(String a, String b) {
        return VietnameseText.exact(a).equals(VietnameseText.exact(b));
    }

    private static boolean sameName(String written, Pre unit) {
        String w = VietnameseText.exact(written);
        return w.equals(VietnameseText.exact(unit.fullName())) || w.equals(VietnameseText.exact(unit.name()));
    }

    private void buildGroups(List<ChangeFile.Row> changes, Map<Pre, List<ChangeFile.Row>> destinations) {
        Map<String, List<ChangeFile.Row>> groups = new LinkedHashMap<>();
        changes.forEach(r -> groups.computeIfAbsent(r.newCode(), k -> new ArrayList<>()).add(r));
        for (List<ChangeFile.Row> rows : groups.values()) {
            ChangeFile.Row first = rows.get(0);
            // A unit that keeps its code and name and takes in others goes on ("absorbs" them); the
            // official files often leave out its own row. Any other group makes a new unit.
            Pre same = preByCode.get(first.newCode());
            if (same != null && (same.level() != first.level() || !sameText(same.name(), first.newName())
                    || !sameText(same.kind(), first.newKind()))) {
                same = null;
            }
            Node node;
            if (same != null && absorbs(same, rows, destinations)) {
                node = new Node(first.level(), same.code(), same.name(), same.kind(), same);
                continuingNodes.put(same.id(), node);
            } else {
                node = new Node(first.level(), first.newCode(), first.newName(), first.newKind(), null);
                if (rows.size() == 1 && first.oldCode() != null && first.share() == Share.FULL) {
                    node.renamedFrom = preByCode.get(first.oldCode());
                }
            }
            for (ChangeFile.Row row : rows) {
                if (row.oldCode() == null || (node.continuing != null && row.oldCode().equals(node.code))) {
                    continue;
                }
                Pre old = preByCode.get(row.oldCode());
                ended.add(old.id());
                successors.computeIfAbsent(old.id(), k -> new ArrayList<>()).add(node);
                node.sources.add(row);
            }
            if (node.isNew()) {
                rows.stream().filter(r -> r.oldCode() == null).forEach(node.sources::add);
            }
            node.line = first.line();
            node.listed = true;
            node.legalBasis = first.legalBasis();
            node.parentCode = first.newParentCode();
            if (nodes.containsKey(node.code)) {
                problems.add(new ImportProblem(changeFileName, first.line(), "new_code", "code " + node.code + " is used twice"));
            }
            nodes.put(node.code, node);
        }
    }

    /** True when {@code same} goes on as the unit of this group: listed here in full, or not listed at all. */
    private static boolean absorbs(Pre same, List<ChangeFile.Row> rows, Map<Pre, List<ChangeFile.Row>> destinations) {
        List<ChangeFile.Row> own = destinations.get(same);
        if (own == null) {
            return true;
        }
        return own.size() == 1 && own.get(0).share() == Share.FULL && rows.contains(own.get(0));
    }

    // --- snapshot ------------------------------------------------------------------------------

    private void applySnapshot(SnapshotFile snapshot, Set<String> coveredProvinces, List<ChangeFile.Row> changes) {
        for (SnapshotFile.Entry e : snapshot.entries()) {
            if (e.level() == UnitLevel.PROVINCE) {
                coveredProvinces.add(e.code());
            }
        }
        for (ChangeFile.Row row : changes) {
            if (row.level() == UnitLevel.PROVINCE && row.oldCode() != null) {
                coveredProvinces.add(row.oldCode());
            }
        }
        for (SnapshotFile.Entry e : snapshot.entries()) {
            Node node = nodes.get(e.code());
            if (node != null) {
                if (node.level != e.level() || !VietnameseText.exact(node.fullName()).equals(VietnameseText.exact(e.kind() + " " + e.name()))) {
                    problems.add(new ImportProblem(snapshot.fileName(), e.line(), nameColumn(e.level()), e.level().name().toLowerCase()
                            + " " + e.code() + " is '" + e.kind() + " " + e.name() + "' here but '" + node.fullName()
                            + "' in " + changeFileName));
                    continue;
                }
            } else {
                Pre old = preByCode.get(e.code());
                boolean consumed = old != null && (ended.contains(old.id()) || continuingNodes.containsKey(old.id()));
                if (old != null && old.level() == e.level() && !consumed) {
                    if (sameText(old.name(), e.name()) && sameText(old.kind(), e.kind())) {
                        node = new Node(e.level(), e.code(), e.name(), e.kind(), old);
                        continuingNodes.put(old.id(), node);
                    } else {
                        node = new Node(e.level(), e.code(), e.name(), e.kind(), null);
                        node.renamedFrom = old;
                        node.legalBasis = "official list " + snapshot.fileName();
                        ended.add(old.id());
                        successors.computeIfAbsent(old.id(), k -> new ArrayList<>()).add(node);
                    }
                } else {
                    node = new Node(e.level(), e.code(), e.name(), e.kind(), null);
                    node.legalBasis = "official list " + snapshot.fileName();
                }
                node.line = e.line();
                nodes.put(e.code(), node);
            }
            node.parentCode = e.parentCode();
        }
    }

    private static String nameColumn(UnitLevel level) {
        return switch (level) {
            case PROVINCE -> "province_name";
            case DISTRICT -> "district_name";
            default -> "commune_name";
        };
    }

    // --- parents -------------------------------------------------------------------------------

    /** The units after the change that stand for {@code old}: itself, its new row, or its successors. */
    private List<Node> after(Pre old) {
        Node node = continuingNodes.get(old.id());
        if (node != null) {
            return List.of(node);
        }
        List<Node> next = successors.get(old.id());
        if (next != null) {
            return next;
        }
        return List.of(implicit.computeIfAbsent(old.id(), id -> new Node(old.level(), old.code(), old.name(), old.kind(), old)));
    }

    private void resolveParents() {
        for (Node node : nodes.values()) {
            if (node.level == UnitLevel.PROVINCE) {
                if (node.parentCode != null) {
                    problems.add(new ImportProblem(changeFileName, node.line, "new_parent_code", "a province has no parent"));
                }
                continue;
            }
            if (node.parentCode != null) {
                Node parent = nodes.get(node.parentCode);
                if (parent == null) {
                    Pre pre = preByCode.get(node.parentCode);
                    if (pre != null && !ended.contains(pre.id())) {
                        parent = after(pre).get(0);
                    }
                }
                if (parent == null) {
                    problems.add(problemAt(node, "new_parent_code",
                            "no unit has code " + node.parentCode + " on " + date + " to be the parent of " + node.code));
                } else {
                    node.parent = parent;
                }
                continue;
            }
            Set<Node> candidates = new LinkedHashSet<>();
            if (node.continuing != null) {
                Pre oldParent = preById.get(node.continuing.parentId());
                if (oldParent != null) {
                    candidates.addAll(after(oldParent));
                }
            } else {
                for (ChangeFile.Row row : node.sources) {
                    if (row.oldCode() == null) {
                        continue;
                    }
                    Pre old = preByCode.get(row.oldCode());
                    Pre oldParent = old == null || old.parentId() == null ? null : preById.get(old.parentId());
                    if (oldParent != null) {
                        candidates.addAll(after(oldParent));
                    }
                }
            }
            if (candidates.size() == 1) {
                node.parent = candidates.iterator().next();
            } else {
                problems.add(problemAt(node, "new_code", "cannot tell the parent of new unit " + node
                        + (candidates.isEmpty() ? "" : ": its predecessors lie under " + candidates)
                        + "; add a new_parent_code column or import the list of units after the change with it"));
            }
        }
    }

    private ImportProblem problemAt(Node node, String column, String reason) {
        boolean fromSnapshot = !node.listed && snapshotFileName != null;
        return new ImportProblem(fromSnapshot ? snapshotFileName : changeFileName, node.line, column, reason);
    }

    // --- abolished units -------------------------------------------------------------------------

    private void abolishAbsent(Set<String> coveredProvinces) {
        List<Pre> absent = new ArrayList<>();
        for (Pre p : preById.values()) {
            if (p.level() == UnitLevel.VILLAGE || ended.contains(p.id()) || continuingNodes.containsKey(p.id())) {
                continue;
            }
            Pre province = p;
            while (province.parentId() != null && preById.containsKey(province.parentId())) {
                province = preById.get(province.parentId());
            }
            if (coveredProvinces.contains(province.code())) {
                absent.add(p);
            }
        }
        // Deepest first, so that an abolished unit's abolished children already know their successors.
        absent.sort(Comparator.comparing((Pre p) -> p.level()).reversed().thenComparing(Pre::code));
        for (Pre p : absent) {
            Set<Node> next = new LinkedHashSet<>();
            for (Pre child : preChildren.getOrDefault(p.id(), List.of())) {
                if (child.level() == UnitLevel.VILLAGE) {
                    continue;
                }
                for (Node n : after(child)) {
                    if (n.parent != null) {
                        next.add(n.parent);
                    }
                }
            }
            if (next.isEmpty() && p.level() == UnitLevel.DISTRICT && p.parentId() != null && preById.containsKey(p.parentId())) {
                // A district left with no commune (all moved or merged away) cannot appear in a list of
                // communes: it ends, and what is left of it goes to its province.
                next.addAll(after(preById.get(p.parentId())));
            }
            if (next.isEmpty()) {
                problems.add(new ImportProblem(snapshotFileName, 0, null, p.level().name().toLowerCase() + " " + p.code()
                        + " (" + p.fullName() + ") is missing from the list and no change row says where it went"));
                continue;
            }
            ended.add(p.id());
            successors.put(p.id(), new ArrayList<>(next));
            int event = ++events;
            Share share = next.size() == 1 ? Share.FULL : Share.PARTIAL;
            for (Node n : next) {
                links.add(new Link(event, ChangeType.ABOLISHED, p, n, share, "not in the official list " + snapshotFileName));
            }
        }
    }

    // --- moves of units that go on -----------------------------------------------------------------

    private List<Move> planMoves() {
        List<Move> moves = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (node.continuing == null || node.level == UnitLevel.PROVINCE) {
                continue;
            }
            Pre oldParent = preById.get(node.continuing.parentId());
            Node newParent = node.parent;
            if (newParent == null || oldParent == null) {
                continue;
            }
            if (newParent.continuing != null && newParent.continuing.id() == oldParent.id()) {
                continue;
            }
            List<Node> natural = after(oldParent);
            boolean followsParent = natural.size() == 1 && natural.get(0) == newParent;
            moves.add(new Move(node.continuing, newParent, !followsParent));
        }
        // Units no file lists (villages, other provinces) go on; when their parent ends they follow it.
        for (Pre p : preById.values()) {
            if (ended.contains(p.id()) || continuingNodes.containsKey(p.id()) || p.parentId() == null) {
                continue;
            }
            if (!ended.contains(p.parentId())) {
                continue;
            }
            Pre oldParent = preById.get(p.parentId());
            List<Node> next = successors.getOrDefault(p.parentId(), List.of());
            if (next.isEmpty()) {
                problems.add(new ImportProblem(changeFileName, 0, null, "unit " + p.code() + " would lose its parent " + oldParent.code()));
                continue;
            }
            Node target = next.get(0);
            if (next.size() > 1) {
                target = next.stream().filter(n -> n.code.equals(oldParent.code())).findFirst()
                        .orElse(next.stream().min(Comparator.comparing(n -> n.code)).orElseThrow());
                warnings.add(p.level().name().toLowerCase() + " " + p.code() + " (" + p.fullName() + ") of split unit "
                        + oldParent.code() + " was placed under " + target.code + " by rule (same code, else lowest); review it");
            }
            moves.add(new Move(p, target, false));
        }
        return moves;
    }

    // --- checks of the result ----------------------------------------------------------------------

    private void checkShape() {
        for (Node node : nodes.values()) {
            if (node.parent == null) {
                continue;
            }
            if (!node.parent.level.canContain(node.level)) {
                Set<Node> seen = new HashSet<>();
                boolean cycle = false;
                for (Node up = node.parent; up != null && seen.add(up); up = parentOf(up)) {
                    if (up == node || (up.continuing != null && node.continuing != null && up.continuing.id() == node.continuing.id())) {
                        cycle = true;
                        break;
                    }
                }
                problems.add(problemAt(node, node.listed ? "new_parent_code" : nameColumn(node.level),
                        cycle ? node + " cannot be under " + node.parent + ": that would make a cycle"
                                : node + " cannot be under " + node.parent + ": a " + node.parent.level
                                + " cannot contain a " + node.level));
            }
        }
    }

    /** A code is reused only once its old holder ends on this date. */
    private void checkCodes() {
        for (Node node : nodes.values()) {
            Pre holder = preByCode.get(node.code);
            if (node.isNew() && holder != null && !ended.contains(holder.id())) {
                problems.add(problemAt(node, "new_code", "code " + node.code + " still belongs to " + holder.fullName()
                        + " on " + date + "; a code can be reused only when its unit ends"));
            }
        }
    }

    private Node parentOf(Node node) {
        if (node.parent != null) {
            return node.parent;
        }
        if (node.continuing != null && node.continuing.parentId() != null) {
            Pre p = preById.get(node.continuing.parentId());
            return p == null ? null : after(p).get(0);
        }
        return null;
    }

    // --- change links ---------------------------------------------------------------------------------

    private void recordLinks(SnapshotFile snapshot, Set<String> coveredProvinces) {
        // New units that share an old unit (a split feeding several mergers) belong to one event.
        Map<Node, Integer> eventOf = new IdentityHashMap<>();
        Map<Long, Integer> eventOfOld = new HashMap<>();
        for (Node node : nodes.values()) {
            if (!node.isNew() && node.sources.isEmpty()) {
                continue;
            }
            Integer event = null;
            for (ChangeFile.Row row : node.sources) {
                if (row.oldCode() != null && eventOfOld.containsKey(preByCode.get(row.oldCode()).id())) {
                    event = eventOfOld.get(preByCode.get(row.oldCode()).id());
                }
            }
            if (event == null) {
                event = ++events;
            }
            eventOf.put(node, event);
            for (ChangeFile.Row row : node.sources) {
                if (row.oldCode() != null) {
                    eventOfOld.put(preByCode.get(row.oldCode()).id(), event);
                }
            }
        }
        for (Node node : nodes.values()) {
            Integer event = eventOf.get(node);
            if (event == null) {
                continue;
            }
            if (node.renamedFrom != null) {
                String basis = node.sources.isEmpty() ? node.legalBasis : node.sources.get(0).legalBasis();
                links.add(new Link(event, ChangeType.RENAMED, node.renamedFrom, node, Share.FULL, basis));
                continue;
            }
            List<ChangeFile.Row> lineage = node.sources.stream().filter(r -> r.oldCode() != null).toList();
            if (lineage.isEmpty()) {
                if (!firstSighting(node, snapshot)) {
                    String basis = node.sources.isEmpty() ? node.legalBasis : node.sources.get(0).legalBasis();
                    links.add(new Link(event, ChangeType.CREATED, null, node, Share.FULL, basis));
                }
                continue;
            }
            for (ChangeFile.Row row : lineage) {
                ChangeType type = row.share() == Share.PARTIAL ? ChangeType.SPLIT : ChangeType.MERGED;
                links.add(new Link(event, type, preByCode.get(row.oldCode()), node, row.share(), row.legalBasis()));
            }
        }
    }

    /**
     * A unit seen for the first time in the first list of its province is not "created" on that date:
     * the list only says it existed from then on. Only a unit new to a province already known is a creation.
     */
    private boolean firstSighting(Node node, SnapshotFile snapshot) {
        if (snapshot == null) {
            return false;
        }
        Node top = node;
        Set<Node> seen = new HashSet<>();
        while (parentOf(top) != null && seen.add(top)) {
            top = parentOf(top);
        }
        if (top.level != UnitLevel.PROVINCE) {
            return false;
        }
        if (!top.isNew()) {
            return false;
        }
        return top.renamedFrom == null && top.sources.stream().noneMatch(r -> r.oldCode() != null)
                && !preByCode.containsKey(top.code);
    }
}
