package vn.caunoi.api.database;

import java.sql.SQLTransientConnectionException;

/**
 * The database cannot be reached now (stopped, restarting, unreachable): the request is refused at
 * once instead of waiting. An SQL exception, so that whatever asked for a connection sees the usual
 * type; clients see {@code SERVICE_UNAVAILABLE} with a time to retry after.
 */
public final class DatabaseUnavailableException extends SQLTransientConnectionException {

    public DatabaseUnavailableException(String reason) {
        super("the database is unavailable: " + reason, "08001");
    }
}
