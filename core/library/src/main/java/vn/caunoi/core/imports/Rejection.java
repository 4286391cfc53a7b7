package vn.caunoi.core.imports;

/**
 * A rejected row of an import: its line, the column at fault (null for the row as a whole), a stable
 * code and a reason. Never the value: it may be personal data.
 */
public record Rejection(long line, String column, String code, String reason) {
}
