package vn.caunoi.core.common;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * One page of a longer list: the items from {@code offset}, whether more follow, and how many there
 * are in all ({@link #NOT_COUNTED} when the caller did not ask: counting a long list costs as much as
 * reading it).
 */
public record Page<T>(List<T> items, long totalCount, int offset, boolean hasNext) {

    public static final long NOT_COUNTED = -1;

    public Page {
        items = List.copyOf(items);
    }

    public Page(List<T> items, long totalCount, int offset) {
        this(items, totalCount, offset, offset + items.size() < totalCount);
    }

    public boolean counted() {
        return totalCount != NOT_COUNTED;
    }

    public static <T> Page<T> empty() {
        return new Page<>(List.of(), 0, 0);
    }

    /**
     * The page {@code request} asks for, read with {@code read(offset, limit)}; the list is counted
     * with {@code count} only when the request wants the total, else one more item is read to know
     * whether more follow.
     */
    public static <T> Page<T> read(PageRequest request, BiFunction<Integer, Integer, List<T>> read, LongSupplier count) {
        if (request.countTotal()) {
            List<T> items = request.limit() == 0 ? List.of() : read.apply(request.offset(), request.limit());
            return new Page<>(items, count.getAsLong(), request.offset());
        }
        List<T> rows = read.apply(request.offset(), request.limit() + 1);
        boolean more = rows.size() > request.limit();
        return new Page<>(more ? rows.subList(0, request.limit()) : rows, NOT_COUNTED, request.offset(), more);
    }
}
