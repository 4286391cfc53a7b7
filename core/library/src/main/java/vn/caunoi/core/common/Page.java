package vn.caunoi.core.common;

import java.util.List;

/** One page of a longer list: the items from {@code offset}, and how many there are in all. */
public record Page<T>(List<T> items, long totalCount, int offset) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return offset + items.size() < totalCount;
    }

    public static <T> Page<T> empty() {
        return new Page<>(List.of(), 0, 0);
    }
}
