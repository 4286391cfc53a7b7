package vn.caunoi.api.database;

import vn.caunoi.core.common.QueryTimeoutException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Reads a failure's causes: did the database go away, or did the request run out of time? */
public final class DatabaseErrors {

    /**
     * PostgreSQL's states for a server that is going or not there: terminated by an administrator
     * or a crash (57P01, 57P02), starting or stopping (57P03), out of connections (53300).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseErrors() {
    }

    /** Whether {@code failure} comes from the database being unreachable (any connection failure, SQL state class 08). */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether {@code failure} is a request that ran out of time: a cancelled statement or a deadline passed waiting for a connection. */
    public static boolean timeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof QueryTimeoutException || t instanceof ConnectionWaitTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
