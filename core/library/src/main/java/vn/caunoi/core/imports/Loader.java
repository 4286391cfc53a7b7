package vn.caunoi.core.imports;

import org.apache.ibatis.session.SqlSession;
import vn.caunoi.core.Problems;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.ImportMapper;
import vn.caunoi.core.text.VietnameseText;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the rows of one kind of file and loads a chunk of them. Rows are checked in Java as they
 * stream by (a rejected row never reaches the database); accepted rows are loaded set-based.
 */
abstract class Loader {

    record Counts(long accepted, long rejected) {
    }

    /** The file as a whole cannot be imported (unknown or missing columns): nothing of it is loaded. */
    static final class FileRejectedException extends RuntimeException {
        FileRejectedException(String message) {
            super(message);
        }
    }

    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d/M/uuuu");

    protected final ImportJob job;
    private final List<Object[]> rejections = new ArrayList<>();
    private final Map<String, Integer> columns = new HashMap<>();
    private long rejectedRows;
    private long acceptedRows;
    private boolean rowRejected;

    Loader(ImportJob job) {
        this.job = job;
    }

    /** The columns this kind of file has: canonical name → whether it is required. */
    abstract Map<String, Boolean> columns();

    /** Other names people give the columns (Vietnamese headings), folded, to canonical names. */
    abstract Map<String, String> aliases();

    /** Whether an unlisted column is allowed (e.g. {@code attr.*}). */
    boolean extraColumn(String name) {
        return false;
    }

    /** Checks one row: calls {@link #reject} for each problem, or stages it. */
    abstract void check(long line, Row row);

    /**
     * Loads the staged rows of the chunk in the session's transaction. Keeps them until
     * {@link #committed()}: a transaction retried after a deadlock loads them again.
     */
    abstract long load(SqlSession session);

    /** The chunk's transaction committed: forget its rows. */
    abstract void committed();

    void analyze() {
    }

    final void header(List<String> names) {
        Map<String, String> aliases = aliases();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String raw = names.get(i) == null ? "" : names.get(i).replace("\uFEFF", "").strip();
            if (raw.isEmpty()) {
                continue;
            }
            String name = raw.toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
            String folded = VietnameseText.folded(raw).replace(' ', '_');
            String canonical = columns().containsKey(name) ? name : aliases.getOrDefault(folded, extraColumn(raw) ? raw : null);
            if (canonical == null) {
                unknown.add(raw);
            } else if (columns.putIfAbsent(canonical, i) != null) {
                throw new FileRejectedException("column " + canonical + " appears twice");
            }
        }
        if (!unknown.isEmpty()) {
            throw new FileRejectedException("unknown column" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown.stream().map(Loader::heading).toList())
                    + "; the columns are " + String.join(", ", columns().keySet()) + " (the first row names the columns)");
        }
        List<String> missing = columns().entrySet().stream().filter(e -> e.getValue() && !columns.containsKey(e.getKey()))
                .map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new FileRejectedException("missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
    }

    /**
     * A heading as an error message may show it. A file without a heading row has data where the
     * headings should be: a heading with a long run of digits (a citizen ID) is shown by its
     * position only, and long headings are cut.
     */
    private static String heading(String raw) {
        if (raw.matches(".*\\d{6,}.*")) {
            return "(a heading of digits: is the first row data?)";
        }
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }

    final void add(long line, List<String> cells) {
        rowRejected = false;
        if (cells.size() > columnCount()) {
            boolean extraFilled = cells.subList(columnCount(), cells.size()).stream().anyMatch(c -> c != null && !c.isBlank());
            if (extraFilled) {
                reject(line, null, "EXTRA_CELLS", "the row has more cells than the header has columns");
                rejectedRows++;
                return;
            }
        }
        check(line, new Row(cells));
        if (rowRejected) {
            rejectedRows++;
        } else {
            acceptedRows++;
        }
    }

    private int columnCount() {
        return columns.values().stream().mapToInt(i -> i + 1).max().orElse(0);
    }

    /** Writes the chunk (rows and rejections) in the session's transaction; may run again if it is retried. */
    final Counts flush(SqlSession session) {
        load(session);
        if (!rejections.isEmpty()) {
            Copy.into(session, "import_rejection", "job_id, line, column_name, code, reason", rejections);
        }
        return new Counts(acceptedRows, rejectedRows);
    }

    /** After the chunk's commit: start the next chunk empty. */
    final void chunkCommitted() {
        committed();
        rejections.clear();
        acceptedRows = 0;
        rejectedRows = 0;
    }

    /** Records a problem of the row; the row is then not loaded. Never put the cell's value in {@code reason}. */
    final void reject(long line, String column, String code, String reason) {
        rowRejected = true;
        rejections.add(new Object[]{job.id(), line, column, code, reason});
    }

    final boolean rejected() {
        return rowRejected;
    }

    /** The cells of a row by column name. */
    final class Row {
        private final List<String> cells;

        Row(List<String> cells) {
            this.cells = cells;
        }

        /** The stripped cell, or null when the column is absent or the cell empty. */
        String get(String column) {
            Integer i = columns.get(column);
            if (i == null || i >= cells.size() || cells.get(i) == null) {
                return null;
            }
            String v = cells.get(i).strip();
            return v.isEmpty() ? null : v;
        }

        /** Cells of the columns whose name starts with {@code prefix}, by the rest of the name. */
        Map<String, String> withPrefix(String prefix) {
            Map<String, String> map = new LinkedHashMap<>();
            columns.forEach((name, i) -> {
                if (name.startsWith(prefix)) {
                    String v = get(name);
                    if (v != null) {
                        map.put(name.substring(prefix.length()), v);
                    }
                }
            });
            return map;
        }
    }

    // --- cell parsing shared by the loaders -----------------------------------------------------

    Integer integer(long line, Row row, String column, int min, int max) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
            if (n < min || n > max) {
                reject(line, column, "OUT_OF_RANGE", column + " must be between " + min + " and " + max);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            reject(line, column, "NOT_A_NUMBER", column + " must be a whole number");
            return null;
        }
    }

    /** A date as {@code yyyy-MM-dd} or as Vietnamese write it, {@code d/M/yyyy}. */
    LocalDate date(long line, Row row, String column) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        try {
            return v.contains("/") ? LocalDate.parse(v, DAY_MONTH_YEAR) : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            reject(line, column, "NOT_A_DATE", column + " must be a date: yyyy-MM-dd or dd/MM/yyyy");
            return null;
        }
    }

    /** Every unit by code (codes are reused: several units, each valid over its own interval), read once per import. */
    static Map<String, List<ImportMapper.UnitValidity>> unitsByCode(ImportJobs jobs) {
        Map<String, List<ImportMapper.UnitValidity>> units = new HashMap<>();
        jobs.db().readAll(s -> s.getMapper(ImportMapper.class).units(null))
                .forEach(u -> units.computeIfAbsent(u.code, k -> new ArrayList<>(1)).add(u));
        return units;
    }

    /** The unit that had {@code code} on the first of {@code dates} on which one had it, or null. */
    static Long unitOn(Map<String, List<ImportMapper.UnitValidity>> units, String code, LocalDate... dates) {
        List<ImportMapper.UnitValidity> list = units.getOrDefault(code, List.of());
        for (LocalDate on : dates) {
            for (ImportMapper.UnitValidity u : list) {
                if (!on.isBefore(u.validFrom) && (u.validTo == null || on.isBefore(u.validTo))) {
                    return u.id;
                }
            }
        }
        return null;
    }

    static void checkParameters(Problems p, ImportJobs.Request request, ImportJobs jobs, vn.caunoi.core.access.Actor actor) {
        Set<String> allowed = switch (request.kind()) {
            case ADOPTION -> AdoptionLoader.PARAMETERS;
            case POPULATION -> Set.of();
            case TARGET -> TargetLoader.PARAMETERS;
        };
        request.parameters().forEach((name, value) -> {
            if (!allowed.contains(name) && !(request.kind() == ImportJob.Kind.ADOPTION && name.startsWith("attr."))) {
                p.add("parameters." + name, "UNKNOWN_PARAMETER", "no parameter " + name + " for a " + request.kind() + " import");
            }
        });
        if (request.kind() == ImportJob.Kind.ADOPTION) {
            AdoptionLoader.checkParameters(p, request.parameters(), jobs);
        } else if (request.kind() == ImportJob.Kind.TARGET) {
            TargetLoader.checkParameters(p, request.parameters(), jobs, actor);
        }
    }
}
