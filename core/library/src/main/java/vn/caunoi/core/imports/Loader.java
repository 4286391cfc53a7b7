package vn.caunoi.core.imports;

import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.Tx;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the rows of one kind of file and loads a chunk of them. Rows are checked in Java as they
 * stream by (a rejected row never reaches the database); accepted rows are loaded set-based.
 */
public abstract class Loader {

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
    private final Columns spec;
    private final List<Object[]> rejections = new ArrayList<>();
    private final Map<String, Integer> columns = new HashMap<>();
    private long rejectedRows;
    private long acceptedRows;
    private boolean rowRejected;

    protected Loader(ImportJob job, Columns spec) {
        this.job = job;
        this.spec = spec;
    }

    /** Checks one row: calls {@link #reject} for each problem, or stages it. */
    protected abstract void check(long line, Row row);

    /**
     * Loads the staged rows of the chunk in the unit of work's transaction. Keeps them until
     * {@link #committed()}: a transaction retried after a deadlock loads them again.
     */
    protected abstract long load(Tx tx);

    /** The chunk's transaction committed: forget its rows. */
    protected abstract void committed();

    /**
     * After a chunk committed, on a thread and a connection of its own, while the next chunk loads:
     * work the committed chunks left that need not hold up the next one (the adoption loader folds
     * their count changes into the running counts). Never runs twice at once; a run may cover several
     * chunks. Whatever it leaves undone, {@link #complete} does.
     */
    protected void settle() {
    }

    /**
     * After the last chunk committed, before the job is reported done: what the loader leaves to the
     * job's end (work done once rather than per chunk; fresh planner statistics). The last
     * {@link #settle} may still run meanwhile, on its own thread.
     */
    protected void complete() {
    }

    final void header(List<String> names) {
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String raw = names.get(i) == null ? "" : names.get(i).replace("\uFEFF", "").strip();
            if (raw.isEmpty()) {
                continue;
            }
            String canonical = spec.columnOf(raw);
            if (canonical == null) {
                unknown.add(raw);
            } else if (columns.putIfAbsent(canonical, i) != null) {
                throw new FileRejectedException("column " + canonical + " appears twice");
            }
        }
        if (!unknown.isEmpty()) {
            throw new FileRejectedException("unknown column" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown.stream().map(Loader::heading).toList())
                    + "; the columns are " + String.join(", ", spec.names()) + " (the first row names the columns)");
        }
        List<String> missing = spec.names().stream().filter(c -> spec.isRequired(c) && !columns.containsKey(c)).toList();
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
    final Counts flush(Tx tx) {
        load(tx);
        if (!rejections.isEmpty()) {
            Copy.into(tx, "import_rejection", "job_id, line, column_name, code, reason", rejections);
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
    protected final void reject(long line, String column, String code, String reason) {
        rowRejected = true;
        rejections.add(new Object[]{job.id(), line, column, code, reason});
    }

    protected final boolean rejected() {
        return rowRejected;
    }

    /** The cells of a row by column name. */
    public final class Row {
        private final List<String> cells;

        Row(List<String> cells) {
            this.cells = cells;
        }

        /** The stripped cell, or null when the column is absent or the cell empty. */
        public String get(String column) {
            Integer i = columns.get(column);
            if (i == null || i >= cells.size() || cells.get(i) == null) {
                return null;
            }
            String v = cells.get(i).strip();
            return v.isEmpty() ? null : v;
        }

        /** Cells of the columns whose name starts with {@code prefix}, by the rest of the name. */
        public Map<String, String> withPrefix(String prefix) {
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

    protected final Integer integer(long line, Row row, String column, int min, int max) {
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
    protected final LocalDate date(long line, Row row, String column) {
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
}
