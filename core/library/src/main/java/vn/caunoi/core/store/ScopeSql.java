package vn.caunoi.core.store;

/**
 * The SQL every feature uses to keep a read within a caller's scope: the fragment {@code
 * vn.caunoi.core.store.ScopeSql.within} (in {@code ScopeSql.xml}), included by the features' mappers.
 * No statements of its own; registered first by {@link Database} so that the fragment is known
 * when the features' mappers are read.
 */
public interface ScopeSql {
}
