package vn.caunoi.core.hierarchy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A change file: one row per (new unit, old unit) pair of one reorganisation date. Columns:
 * {@code effective_date, level, new_code, new_name, old_code, old_name, share, legal_basis} and,
 * optionally, {@code new_parent_code}. An empty {@code old_code} creates a unit from nothing.
 */
public final class ChangeFile {

    static final List<String> REQUIRED = List.of("effective_date", "level", "new_code", "new_name", "old_code",
            "old_name", "share", "legal_basis");
    static final List<String> OPTIONAL = List.of("new_parent_code");

    /** One row: {@code oldCode} went (in full or in part) into {@code newCode}. */
    public record Row(int line, UnitLevel level, String newCode, String newKind, String newName, String oldCode,
                      String oldName, Share share, String legalBasis, String newParentCode) {
    }

    private final String fileName;
    private final LocalDate effectiveDate;
    private final List<Row> rows;
    private final byte[] content;

    private ChangeFile(String fileName, LocalDate effectiveDate, List<Row> rows, byte[] content) {
        this.fileName = fileName;
        this.effectiveDate = effectiveDate;
        this.rows = List.copyOf(rows);
        this.content = content;
    }

    public String fileName() {
        return fileName;
    }

    public LocalDate effectiveDate() {
        return effectiveDate;
    }

    public List<Row> rows() {
        return rows;
    }

    byte[] content() {
        return content;
    }

    public static ChangeFile parse(String fileName, byte[] content) {
        Objects.requireNonNull(fileName, "fileName");
        List<ImportProblem> problems = new ArrayList<>();
        CsvTable table = CsvTable.read(fileName, content, REQUIRED, OPTIONAL, problems);
        LocalDate date = null;
        int dateLine = 0;
        List<Row> rows = new ArrayList<>();
        for (CsvTable.Row row : table.rows) {
            int before = problems.size();
            LocalDate rowDate = null;
            try {
                rowDate = LocalDate.parse(row.get("effective_date"));
            } catch (DateTimeParseException e) {
                problems.add(new ImportProblem(fileName, row.line(), "effective_date",
                        "'" + row.get("effective_date") + "' is not a date (YYYY-MM-DD)"));
            }
            if (rowDate != null && date == null) {
                date = rowDate;
                dateLine = row.line();
            } else if (rowDate != null && !rowDate.equals(date)) {
                problems.add(new ImportProblem(fileName, row.line(), "effective_date",
                        "a change file holds one date: " + rowDate + " differs from " + date + " on line " + dateLine));
            }
            UnitLevel level = null;
            try {
                level = UnitLevel.valueOf(row.get("level").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new ImportProblem(fileName, row.line(), "level",
                        "'" + row.get("level") + "' is not one of PROVINCE, DISTRICT, COMMUNE, VILLAGE"));
            }
            String newCode = codeFor(fileName, row, "new_code", level, problems);
            String oldCode = row.get("old_code").isEmpty() ? null : codeFor(fileName, row, "old_code", level, problems);
            String newName = SnapshotFile.required(fileName, row, "new_name", problems);
            Optional<UnitNames.KindAndName> kindAndName = newName == null ? Optional.empty() : UnitNames.split(newName);
            if (newName != null && kindAndName.isEmpty()) {
                problems.add(new ImportProblem(fileName, row.line(), "new_name",
                        "'" + newName + "' does not start with a kind of unit (Xã, Phường, Huyện, Tỉnh, …)"));
            }
            String oldName = row.get("old_name");
            if (oldCode != null && oldName.isEmpty()) {
                problems.add(new ImportProblem(fileName, row.line(), "old_name", "is empty"));
            }
            Share share = null;
            try {
                share = Share.valueOf(row.get("share").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new ImportProblem(fileName, row.line(), "share",
                        "'" + row.get("share") + "' is neither full nor partial"));
            }
            String legalBasis = row.get("legal_basis");
            if (legalBasis.length() > 500) {
                problems.add(new ImportProblem(fileName, row.line(), "legal_basis", "is longer than 500 characters"));
            }
            String parentCode = row.get("new_parent_code");
            if (!parentCode.isEmpty() && !parentCode.matches("\\d+(\\.\\d+)?")) {
                problems.add(new ImportProblem(fileName, row.line(), "new_parent_code", "'" + parentCode + "' is not a code"));
            }
            if (oldCode == null && row.get("old_code").isEmpty() && parentCode.isEmpty() && level != UnitLevel.PROVINCE) {
                problems.add(new ImportProblem(fileName, row.line(), "new_parent_code",
                        "a unit created from nothing needs the code of its parent"));
            }
            if (problems.size() > before) {
                continue;
            }
            rows.add(new Row(row.line(), level, newCode, kindAndName.get().kind(), kindAndName.get().name(), oldCode,
                    oldName.isEmpty() ? null : oldName, share, legalBasis.isEmpty() ? null : legalBasis,
                    parentCode.isEmpty() ? null : parentCode));
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        return new ChangeFile(fileName, date, rows, content);
    }

    private static String codeFor(String file, CsvTable.Row row, String column, UnitLevel level,
                                  List<ImportProblem> problems) {
        String value = row.get(column);
        String pattern = level == null ? "\\d+(\\.\\d+)?" : switch (level) {
            case PROVINCE -> "\\d{2}";
            case DISTRICT -> "\\d{3}";
            case COMMUNE -> "\\d{5}";
            case VILLAGE -> "\\d{5}\\.\\d{1,3}";
        };
        if (!value.matches(pattern)) {
            problems.add(new ImportProblem(file, row.line(), column, "'" + value + "' is not a "
                    + (level == null ? "" : level.name().toLowerCase(Locale.ROOT) + " ") + "code"));
            return null;
        }
        return value;
    }
}
