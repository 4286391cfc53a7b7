package vn.caunoi.core.common;

/**
 * Which slice of a list to return: {@code limit} items after skipping {@code offset}; with {@code
 * countTotal}, how many there are in all as well.
 */
public record PageRequest(int offset, int limit, boolean countTotal) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    public PageRequest {
        if (offset < 0) {
            throw new InvalidInputException("after", "NEGATIVE", "the cursor points before the first item");
        }
        if (limit < 0) {
            throw new InvalidInputException("first", "NEGATIVE", "first must be 0 or more, not " + limit);
        }
        if (limit > MAX_LIMIT) {
            throw new InvalidInputException("first", "TOO_LARGE", "first must be at most " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** A slice with its total count. */
    public PageRequest(int offset, int limit) {
        this(offset, limit, true);
    }

    /** The same slice without the total count: when nobody reads it. */
    public PageRequest withoutTotal() {
        return new PageRequest(offset, limit, false);
    }

    /** A request from the Relay arguments already decoded: null {@code first} means the default. */
    public static PageRequest of(Integer first, int offset) {
        return new PageRequest(offset, first == null ? DEFAULT_LIMIT : first);
    }
}
