package vn.caunoi.core.hierarchy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain in-memory model of a hierarchy and the files that change it, for property tests: it
 * turns a list of small integers (which QuickTheories generates and shrinks) into a first list of
 * units and a valid sequence of dated change files, and remembers what the hierarchy must look like
 * on each date.
 */
public final class HierarchyModel {

    public record Unit(UnitLevel level, String code, String kind, String name, String parent) {
        String fullName() {
            return kind + " " + name;
        }
    }

    /** One file to import: a change file (with an optional list after it) or a list alone. */
    public record Step(LocalDate date, String changeName, String changes, String snapshotName, String snapshot, String description) {
    }

    private static final String[] NAMES = {"Tân Hòa", "Đông", "Nam Tiến", "Quang Trung", "Hồng Vũ", "An Lạc", "Thụy Hà", "Vũ Thư"};
    public static final LocalDate START = LocalDate.of(2024, 1, 1);

    public final Map<String, Unit> units = new LinkedHashMap<>();
    public final List<Step> steps = new ArrayList<>();
    /** Expected (code → parent code) of every unit on each date checked. */
    public final Map<LocalDate, Map<String, String>> expected = new TreeMap<>();
    public final List<String> log = new ArrayList<>();
    /** Whether communes have villages (one to three each, in the first list only; they follow their commune). */
    private boolean villages;
    private int nextDistrict = 100;
    private int nextCommune = 10000;
    private LocalDate date = START;

    static HierarchyModel from(List<Integer> seed) {
        return from(seed, false);
    }

    /** With {@code villages}, every commune of the first list has one to three villages; the seed is read the same way. */
    public static HierarchyModel from(List<Integer> seed, boolean villages) {
        HierarchyModel m = new HierarchyModel();
        m.villages = villages;
        Ints in = new Ints(seed);
        int provinces = 1 + in.next(2);
        for (int p = 0; p < provinces; p++) {
            String pc = String.valueOf(10 + p);
            m.units.put(pc, new Unit(UnitLevel.PROVINCE, pc, "Tỉnh", NAMES[p], null));
            int districts = 1 + in.next(3);
            for (int d = 0; d < districts; d++) {
                String dc = String.valueOf(m.nextDistrict++);
                m.units.put(dc, new Unit(UnitLevel.DISTRICT, dc, "Huyện", m.name(in), pc));
                int communes = 1 + in.next(4);
                for (int c = 0; c < communes; c++) {
                    String cc = String.valueOf(m.nextCommune++);
                    m.units.put(cc, new Unit(UnitLevel.COMMUNE, cc, in.next(2) == 0 ? "Xã" : "Phường", m.name(in), dc));
                    for (int v = 1; villages && v <= 1 + Integer.parseInt(cc) % 3; v++) {
                        String vc = cc + ".0" + v;
                        m.units.put(vc, new Unit(UnitLevel.VILLAGE, vc, "Thôn", "Số " + v, cc));
                    }
                }
            }
        }
        m.steps.add(new Step(START, null, null, "snapshot-first.csv", m.snapshot(villages), "first list"));
        m.expect(START);
        while (in.hasMore()) {
            m.date = m.date.plusDays(30 + in.next(60));
            m.expect(m.date.minusDays(1));
            int op = in.next(6);
            switch (op) {
                case 0 -> m.rename(in);
                case 1 -> m.merge(in);
                case 2 -> m.split(in);
                case 3 -> m.moveCommune(in);
                case 4 -> m.mergeDistricts(in);
                default -> m.abolishDistricts(in);
            }
            m.expect(m.date);
        }
        return m;
    }

    private String name(Ints in) {
        return NAMES[in.next(NAMES.length)];
    }

    private void expect(LocalDate day) {
        Map<String, String> parents = new TreeMap<>();
        units.values().forEach(u -> parents.put(u.code(), u.parent() == null ? "" : u.parent()));
        expected.put(day, parents);
    }

    private List<Unit> of(UnitLevel level) {
        return units.values().stream().filter(u -> u.level() == level).toList();
    }

    private List<Unit> childrenOf(String code) {
        return units.values().stream().filter(u -> code.equals(u.parent())).toList();
    }

    private boolean hasCommunes(String province) {
        return of(UnitLevel.COMMUNE).stream().anyMatch(c -> province.equals(c.parent())
                || (units.get(c.parent()) != null && province.equals(units.get(c.parent()).parent())));
    }

    private void rename(Ints in) {
        List<Unit> communes = of(UnitLevel.COMMUNE);
        if (communes.isEmpty()) {
            return;
        }
        Unit c = communes.get(in.next(communes.size()));
        String newName = c.name() + " Mới";
        Unit renamed = new Unit(c.level(), c.code(), c.kind(), newName, c.parent());
        addChanges("rename " + c.code(), row(renamed, c, "full"));
        units.put(c.code(), renamed);
    }

    /** Two communes of one district become one: a new code, or the first absorbs the second. */
    private void merge(Ints in) {
        List<Unit> districts = of(UnitLevel.DISTRICT).stream().filter(d -> childrenOf(d.code()).size() >= 2).toList();
        if (districts.isEmpty()) {
            return;
        }
        Unit d = districts.get(in.next(districts.size()));
        List<Unit> communes = childrenOf(d.code());
        Unit a = communes.get(in.next(communes.size()));
        Unit b = communes.stream().filter(u -> u != a).toList().get(in.next(communes.size() - 1));
        if (in.next(2) == 0) {
            addChanges("merge " + b.code() + " into " + a.code(), row(a, b, "full"));
            moveVillages(b.code(), a.code());
            units.remove(b.code());
        } else {
            Unit merged = new Unit(UnitLevel.COMMUNE, String.valueOf(nextCommune++), "Xã", a.name() + " " + b.name(), d.code());
            addChanges("merge " + a.code() + " and " + b.code() + " into " + merged.code(), row(merged, a, "full") + row(merged, b, "full"));
            units.remove(a.code());
            units.remove(b.code());
            units.put(merged.code(), merged);
            moveVillages(a.code(), merged.code());
            moveVillages(b.code(), merged.code());
        }
    }

    /** Villages follow their commune into the commune that absorbs it or replaces it. */
    private void moveVillages(String from, String to) {
        for (Unit v : childrenOf(from)) {
            units.put(v.code(), new Unit(v.level(), v.code(), v.kind(), v.name(), to));
        }
    }

    /** One commune is divided in two: one part keeps its code under a new name, the other gets a new code. */
    private void split(Ints in) {
        List<Unit> communes = of(UnitLevel.COMMUNE);
        if (communes.isEmpty()) {
            return;
        }
        Unit c = communes.get(in.next(communes.size()));
        Unit keep = new Unit(UnitLevel.COMMUNE, c.code(), c.kind(), c.name() + " Bắc", c.parent());
        Unit other = new Unit(UnitLevel.COMMUNE, String.valueOf(nextCommune++), c.kind(), c.name() + " Nam", c.parent());
        addChanges("split " + c.code(), row(keep, c, "partial") + row(other, c, "partial"));
        units.put(keep.code(), keep);
        units.put(other.code(), other);
    }

    /** A commune moves to another district (of any province): its row names the new parent. */
    private void moveCommune(Ints in) {
        List<Unit> communes = of(UnitLevel.COMMUNE);
        List<Unit> districts = of(UnitLevel.DISTRICT);
        if (communes.isEmpty() || districts.size() < 2) {
            return;
        }
        Unit c = communes.get(in.next(communes.size()));
        List<Unit> others = districts.stream().filter(d -> !d.code().equals(c.parent())).toList();
        if (others.isEmpty()) {
            return;
        }
        Unit target = others.get(in.next(others.size()));
        Unit moved = new Unit(c.level(), c.code(), c.kind(), c.name(), target.code());
        addChanges("move " + c.code() + " to " + target.code(), row(moved, c, "full") , target.code());
        units.put(c.code(), moved);
    }

    /** Two districts of a province merge into a new one; their communes follow. */
    private void mergeDistricts(Ints in) {
        List<Unit> provinces = of(UnitLevel.PROVINCE).stream()
                .filter(p -> childrenOf(p.code()).stream().filter(u -> u.level() == UnitLevel.DISTRICT).count() >= 2).toList();
        if (provinces.isEmpty()) {
            return;
        }
        Unit p = provinces.get(in.next(provinces.size()));
        List<Unit> districts = childrenOf(p.code()).stream().filter(u -> u.level() == UnitLevel.DISTRICT).toList();
        Unit a = districts.get(0);
        Unit b = districts.get(1);
        Unit merged = new Unit(UnitLevel.DISTRICT, String.valueOf(nextDistrict++), "Thị xã", a.name(), p.code());
        addChanges("merge districts " + a.code() + " and " + b.code(), row(merged, a, "full") + row(merged, b, "full"));
        for (Unit child : childrenOf(a.code())) {
            units.put(child.code(), new Unit(child.level(), child.code(), child.kind(), child.name(), merged.code()));
        }
        for (Unit child : childrenOf(b.code())) {
            units.put(child.code(), new Unit(child.level(), child.code(), child.kind(), child.name(), merged.code()));
        }
        units.remove(a.code());
        units.remove(b.code());
        units.put(merged.code(), merged);
    }

    /** The 2025 reform in small: a province's districts end and its communes come directly under it. */
    private void abolishDistricts(Ints in) {
        // Only a province the list can show: one with a commune left (a list of communes says nothing of the others).
        List<Unit> provinces = of(UnitLevel.PROVINCE).stream()
                .filter(p -> childrenOf(p.code()).stream().anyMatch(u -> u.level() == UnitLevel.DISTRICT) && hasCommunes(p.code())).toList();
        if (provinces.isEmpty()) {
            return;
        }
        Unit p = provinces.get(in.next(provinces.size()));
        for (Unit d : childrenOf(p.code())) {
            for (Unit c : childrenOf(d.code())) {
                units.put(c.code(), new Unit(c.level(), c.code(), c.kind(), c.name(), p.code()));
            }
            units.remove(d.code());
        }
        // A list of communes cannot show a district without communes: such districts end with it, in
        // the provinces the list covers (those with a commune in it; it says nothing of the others).
        of(UnitLevel.DISTRICT).stream().filter(d -> childrenOf(d.code()).isEmpty() && hasCommunes(d.parent())).toList()
                .forEach(d -> units.remove(d.code()));
        log.add(date + ": abolish districts of " + p.code());
        steps.add(new Step(date, null, null, "snapshot-" + date + ".csv", snapshot(false), "abolish districts of " + p.code()));
    }

    private String row(Unit to, Unit from, String share) {
        return date + "," + to.level() + "," + to.code() + "," + to.fullName() + "," + from.code() + "," + from.fullName()
                + "," + share + ",test\n";
    }

    private void addChanges(String description, String rows) {
        addChanges(description, rows, null);
    }

    private void addChanges(String description, String rows, String parent) {
        log.add(date + ": " + description);
        String header = "effective_date,level,new_code,new_name,old_code,old_name,share,legal_basis";
        String body = rows;
        if (parent != null) {
            header += ",new_parent_code";
            body = rows.replace("\n", "," + parent + "\n");
        }
        steps.add(new Step(date, "changes-" + date + ".csv", header + "\n" + body, null, null, description));
    }

    /**
     * The current state as an official list; communes of provinces without districts have none.
     * With {@code withVillages}, one row per village (the layout a province uses to list them).
     */
    String snapshot(boolean withVillages) {
        StringBuilder out = new StringBuilder("province_code,province_name,district_code,district_name,district_kind,commune_code,commune_name,commune_kind"
                + (withVillages ? ",village_code,village_name,village_kind" : "") + "\n");
        StringBuilder flat = new StringBuilder();
        for (Unit c : of(UnitLevel.COMMUNE)) {
            Unit parent = units.get(c.parent());
            StringBuilder to = parent.level() == UnitLevel.DISTRICT ? out : flat;
            String row;
            if (parent.level() == UnitLevel.DISTRICT) {
                Unit province = units.get(parent.parent());
                row = province.code() + "," + province.fullName() + "," + parent.code() + "," + parent.fullName() + "," + parent.kind() + ","
                        + c.code() + "," + c.fullName() + "," + c.kind();
            } else {
                row = parent.code() + "," + parent.fullName() + ",,,," + c.code() + "," + c.fullName() + "," + c.kind();
            }
            List<Unit> cv = withVillages ? childrenOf(c.code()) : List.of();
            if (cv.isEmpty()) {
                to.append(row).append(withVillages ? ",,," : "").append('\n');
            }
            for (Unit v : cv) {
                to.append(row).append(',').append(v.code()).append(',').append(v.fullName()).append(',').append(v.kind()).append('\n');
            }
        }
        return out.append(flat).toString();
    }

    /** Reads the seed as a stream of bounded choices; past its end it keeps choosing 0. */
    static final class Ints {
        private final List<Integer> seed;
        private int position;

        Ints(List<Integer> seed) {
            this.seed = seed;
        }

        int next(int bound) {
            int value = position < seed.size() ? seed.get(position) : 0;
            position++;
            return Math.floorMod(value, bound);
        }

        boolean hasMore() {
            return position < seed.size();
        }
    }
}
