package vn.caunoi.core.common;

/** Which slice of a list to return: {@code limit} items after skipping {@code offset}. */
public record PageRequest(int offset, int limit) {

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

    /** A request from the Relay arguments already decoded: null {@code first} means the default. */
    public static PageRequest of(Integer first, int offset) {
        return new PageRequest(offset, first == null ? DEFAULT_LIMIT : first);
    }
}
