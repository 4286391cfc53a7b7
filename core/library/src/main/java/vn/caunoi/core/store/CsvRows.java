package vn.caunoi.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows held as the UTF-8 CSV that {@link Copy} sends, for a bulk load of many rows: about a third
 * of the memory of the same rows as objects, and nothing for the collector to trace. Kept until the
 * transaction that copies them commits (a retried transaction copies them again), then cleared and
 * reused.
 */
public final class CsvRows {

    private byte[] bytes = new byte[1 << 16];
    private int length;
    private int rows;
    private boolean rowStarted;

    /** Adds a field to the current row: its text quoted, or nothing for SQL NULL. */
    public CsvRows field(Object value) {
        if (rowStarted) {
            put((byte) ',');
        }
        rowStarted = true;
        if (value != null) {
            put((byte) '"');
            byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
            for (byte b : text) {
                if (b == '"') {
                    put(b);
                }
                put(b);
            }
            put((byte) '"');
        }
        return this;
    }

    /** Ends the current row. */
    public void endRow() {
        put((byte) '\n');
        rowStarted = false;
        rows++;
    }

    public int rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Forgets the rows, keeping the buffer for the next ones. */
    public void clear() {
        length = 0;
        rows = 0;
        rowStarted = false;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    private void put(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }
}
