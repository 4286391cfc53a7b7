package vn.caunoi.core.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows held as the UTF-8 CSV that {@link Copy} sends, for a bulk load of many rows: about a third
 * of the memory of the same rows as objects, and nothing for the collector to trace. Kept until the
 * transaction that copies them commits (a retried transaction copies them again), then cleared and
 * reused.
 *
 * <p>The bytes are held in blocks of 256 KB rather than one array that doubles: an import's chunk of
 * 25 MB then takes 25 MB, not a 32-MB array plus the 16-MB one it was copied from as it grew. A block stays
 * under half of G1's smallest region (1 MB), so it is an ordinary object: G1 places an object of half
 * a region or more on regions of its own ("humongous"), and a block of 1 MB took two.
 */
public final class CsvRows {

    static final int BLOCK = 1 << 18;

    /** The blocks written so far; those after {@link #current} are kept from an earlier chunk for reuse. */
    private final List<byte[]> blocks = new ArrayList<>();
    private int current;
    private byte[] block;
    private int position;
    private int rows;
    private boolean rowStarted;

    public CsvRows() {
        block = new byte[BLOCK];
        blocks.add(block);
    }

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

    /** Forgets the rows, keeping the blocks for the next ones. */
    public void clear() {
        current = 0;
        block = blocks.get(0);
        position = 0;
        rows = 0;
        rowStarted = false;
    }

    /** The bytes in order, block by block: {@code (block, length)} for each block in use. */
    void forEachBlock(BlockConsumer consumer) throws SQLException {
        for (int i = 0; i < current; i++) {
            consumer.accept(blocks.get(i), BLOCK);
        }
        if (position > 0) {
            consumer.accept(block, position);
        }
    }

    @FunctionalInterface
    interface BlockConsumer {
        void accept(byte[] bytes, int length) throws SQLException;
    }

    private void put(byte b) {
        if (position == BLOCK) {
            current++;
            if (current == blocks.size()) {
                blocks.add(new byte[BLOCK]);
            }
            block = blocks.get(current);
            position = 0;
        }
        block[position++] = b;
    }
}
