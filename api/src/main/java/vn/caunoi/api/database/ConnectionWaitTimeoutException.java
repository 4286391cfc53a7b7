package vn.caunoi.api.database;

import java.sql.SQLTimeoutException;

/**
 * The request's deadline passed while it waited for a pooled connection. It carries PostgreSQL's
 * "query cancelled" state (57014), so core reports it as the same {@code TIMEOUT} as a statement
 * cancelled at the deadline: for the client both mean "the request took too long".
 */
public final class ConnectionWaitTimeoutException extends SQLTimeoutException {

    public ConnectionWaitTimeoutException(long waitedMillis) {
        super("no database connection became free within the request's deadline (waited " + waitedMillis + " ms)", "57014");
    }
}
