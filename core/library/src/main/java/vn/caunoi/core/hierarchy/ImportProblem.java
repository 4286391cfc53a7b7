package vn.caunoi.core.hierarchy;

/** One reason a file was refused: where (file, line, column) and why. Line 1 is the header. */
public record ImportProblem(String file, int line, String column, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + (column == null ? "" : " [" + column + "]") + ": " + reason;
    }
}
