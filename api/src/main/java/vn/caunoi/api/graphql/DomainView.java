package vn.caunoi.api.graphql;

/**
 * A domain record as GraphQL shows it, with what GraphQL needs beside it: a global id, the date it
 * is viewed on. A view declares only the fields that differ from the record's; every other field is
 * read from the record by {@link ViewFields}, so a view never forwards accessors one by one.
 */
public interface DomainView {

    /** The domain record this view shows. */
    Object domain();
}
