package vn.caunoi.core.imports;

import java.io.IOException;
import java.util.List;

/**
 * A table read as a stream, row by row, in constant memory: a CSV file or the first sheet of an
 * XLSX workbook. Push-based because POI's streaming reader is.
 */
public interface TableReader {

    /** Receives the header, then every data row in order. */
    interface RowHandler {
        void header(List<String> names);

        /** {@code line}: the line (CSV) or row (XLSX) number a person sees in the file, from 1. */
        void row(long line, List<String> cells);
    }

    /** Reads the whole table; a handler may stop early by throwing. */
    void read(RowHandler handler) throws IOException;

    /** How far the reader is, from 0 to 1 (by bytes for CSV, by rows for XLSX), or -1 if unknown. */
    double fractionRead();

    /** A file that is not a table this reader can read: not UTF-8, not a workbook, no header. */
    final class UnreadableFileException extends IOException {
        public UnreadableFileException(String message) {
            super(message);
        }
    }
}
