package vn.caunoi.core.hierarchy;

/** What a dated change did to a unit. */
public enum ChangeType {
    /** A new unit with no predecessor. */
    CREATED,
    /** Same territory, new name or code: a new row follows the old one. */
    RENAMED,
    /** Same unit, another parent. */
    REPARENTED,
    /** Several units (or their parts) became one new unit. */
    MERGED,
    /** A unit was divided between several new units ({@link Share#PARTIAL}). */
    SPLIT,
    /** A unit ceased; its territory went to its successors (e.g. every district on 2025-07-01). */
    ABOLISHED
}
