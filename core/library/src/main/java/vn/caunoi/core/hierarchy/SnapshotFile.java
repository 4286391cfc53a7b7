package vn.caunoi.core.hierarchy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of units as the national statistics office publishes it: one row per commune with its
 * district (absent after 2025-07-01) and province. Columns: {@code province_code, province_name,
 * [district_code, district_name, district_kind,] commune_code, commune_name, commune_kind}. A
 * province's own list may add {@code village_code, village_name, village_kind}: then there is one
 * row per village (national lists stop at communes).
 */
public final class SnapshotFile {

    static final List<String> REQUIRED = List.of("province_code", "province_name", "commune_code", "commune_name", "commune_kind");
    static final List<String> OPTIONAL = List.of("district_code", "district_name", "district_kind",
            "village_code", "village_name", "village_kind");
    private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    /** One unit of the list, with the code of its parent (null for a province). */
    public record Entry(int line, UnitLevel level, String code, String name, String kind, String parentCode) {
    }

    private final String fileName;
    private final LocalDate date;
    private final List<Entry> entries;
    private final byte[] content;

    private SnapshotFile(String fileName, LocalDate date, List<Entry> entries, byte[] content) {
        this.fileName = fileName;
        this.date = date;
        this.entries = List.copyOf(entries);
        this.content = content;
    }

    public String fileName() {
        return fileName;
    }

    public LocalDate date() {
        return date;
    }

    public List<Entry> entries() {
        return entries;
    }

    byte[] content() {
        return content;
    }

    /** The date written in a file name such as {@code snapshot-2024-05-01.csv}. */
    public static Optional<LocalDate> dateInName(String fileName) {
        Matcher m = DATE_IN_NAME.matcher(fileName);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Parses and checks the file; every problem is reported and the file refused as a whole. */
    public static SnapshotFile parse(String fileName, byte[] content, LocalDate date) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(date, "date");
        List<ImportProblem> problems = new ArrayList<>();
        CsvTable table = CsvTable.read(fileName, content, REQUIRED, OPTIONAL, problems);
        boolean districts = table.columns.contains("district_code");
        boolean villages = table.columns.contains("village_code");
        Map<String, Entry> units = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows) {
            int before = problems.size();
            String provinceCode = code(fileName, row, "province_code", 2, problems);
            // During a reform a national list may mix provinces with and without districts.
            boolean hasDistrict = districts && !row.get("district_code").isEmpty();
            String districtCode = hasDistrict ? code(fileName, row, "district_code", 3, problems) : null;
            String communeCode = code(fileName, row, "commune_code", 5, problems);
            Optional<UnitNames.KindAndName> province = UnitNames.split(row.get("province_name"));
            if (province.isEmpty()) {
                problems.add(new ImportProblem(fileName, row.line(), "province_name",
                        "'" + row.get("province_name") + "' does not start with a kind of unit (Tỉnh, Thành phố)"));
            }
            String districtKind = hasDistrict ? required(fileName, row, "district_kind", problems) : null;
            String districtName = hasDistrict ? required(fileName, row, "district_name", problems) : null;
            String communeKind = required(fileName, row, "commune_kind", problems);
            String communeName = required(fileName, row, "commune_name", problems);
            if (problems.size() > before) {
                continue;
            }
            add(fileName, units, new Entry(row.line(), UnitLevel.PROVINCE, provinceCode, province.get().name(),
                    province.get().kind(), null), problems);
            String communeParent = provinceCode;
            if (hasDistrict) {
                add(fileName, units, new Entry(row.line(), UnitLevel.DISTRICT, districtCode,
                        UnitNames.withoutKind(districtName, districtKind), districtKind, provinceCode), problems);
                communeParent = districtCode;
            }
            Entry commune = new Entry(row.line(), UnitLevel.COMMUNE, communeCode,
                    UnitNames.withoutKind(communeName, communeKind), communeKind, communeParent);
            if (villages) {
                add(fileName, units, commune, problems);
                String villageCode = row.get("village_code");
                if (villageCode.isEmpty()) {
                    continue;
                }
                String villageKind = required(fileName, row, "village_kind", problems);
                String villageName = required(fileName, row, "village_name", problems);
                if (!villageCode.matches(java.util.regex.Pattern.quote(communeCode) + "\\.\\d{1,3}")) {
                    problems.add(new ImportProblem(fileName, row.line(), "village_code",
                            "'" + villageCode + "' is not a village code under commune " + communeCode + " (" + communeCode + ".NN)"));
                } else if (villageKind != null && villageName != null) {
                    if (units.containsKey(villageCode)) {
                        problems.add(new ImportProblem(fileName, row.line(), "village_code",
                                "village " + villageCode + " is listed twice (first on line " + units.get(villageCode).line() + ")"));
                    } else {
                        units.put(villageCode, new Entry(row.line(), UnitLevel.VILLAGE, villageCode,
                                UnitNames.withoutKind(villageName, villageKind), villageKind, communeCode));
                    }
                }
                continue;
            }
            if (units.containsKey(communeCode)) {
                problems.add(new ImportProblem(fileName, row.line(), "commune_code",
                        "commune " + communeCode + " is listed twice (first on line " + units.get(communeCode).line() + ")"));
            } else {
                units.put(communeCode, commune);
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        return new SnapshotFile(fileName, date, new ArrayList<>(units.values()), content);
    }

    /** A province or district repeats on every commune row: every repetition must agree. */
    private static void add(String file, Map<String, Entry> units, Entry entry, List<ImportProblem> problems) {
        Entry seen = units.get(entry.code());
        if (seen == null) {
            units.put(entry.code(), entry);
        } else if (seen.level() != entry.level() || !seen.name().equals(entry.name()) || !seen.kind().equals(entry.kind())
                || !Objects.equals(seen.parentCode(), entry.parentCode())) {
            String column = switch (entry.level()) {
                case PROVINCE -> "province_name";
                case DISTRICT -> "district_name";
                default -> "commune_name";
            };
            problems.add(new ImportProblem(file, entry.line(), column,
                    entry.level().name().toLowerCase() + " " + entry.code() + " is '" + entry.kind() + " " + entry.name()
                            + "' under " + entry.parentCode() + " here but '" + seen.kind() + " " + seen.name()
                            + "' under " + seen.parentCode() + " on line " + seen.line()));
        }
    }

    static String code(String file, CsvTable.Row row, String column, int digits, List<ImportProblem> problems) {
        String value = row.get(column);
        if (!value.matches("\\d{" + digits + "}")) {
            problems.add(new ImportProblem(file, row.line(), column,
                    "'" + value + "' is not a code of " + digits + " digits"));
            return null;
        }
        return value;
    }

    static String required(String file, CsvTable.Row row, String column, List<ImportProblem> problems) {
        String value = row.get(column);
        if (value.isEmpty()) {
            problems.add(new ImportProblem(file, row.line(), column, "is empty"));
            return null;
        }
        if (value.length() > 200) {
            problems.add(new ImportProblem(file, row.line(), column, "is longer than 200 characters"));
            return null;
        }
        return value;
    }
}
