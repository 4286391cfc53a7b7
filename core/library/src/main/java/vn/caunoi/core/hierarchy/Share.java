package vn.caunoi.core.hierarchy;

/** How much of the old unit went into the new one. */
public enum Share {
    FULL,
    PARTIAL
}
