package vn.caunoi.core.common;

/** The result of an idempotent create: the object, and whether this call only replayed an earlier one. */
public record Created<T>(T value, boolean replayed) {
}
