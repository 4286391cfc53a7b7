package vn.caunoi.core.common;

/**
 * A question took longer than the configured statement timeout and PostgreSQL cancelled it:
 * nothing was written. Ask for less (a smaller area, a shorter period) or try later.
 */
public final class QueryTimeoutException extends CauNoiException {

    public QueryTimeoutException(Throwable cause) {
        super("the request took too long and was cancelled; ask for less or try again later", cause);
    }

    @Override
    public String code() {
        return "TIMEOUT";
    }
}
