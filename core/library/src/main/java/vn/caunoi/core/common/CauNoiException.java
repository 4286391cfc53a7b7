package vn.caunoi.core.common;

/**
 * The root of every error core reports on purpose. Each has a stable {@link #code()} that clients
 * can rely on; messages never carry SQL, stack traces or personal data.
 */
public abstract class CauNoiException extends RuntimeException {

    protected CauNoiException(String message) {
        super(message);
    }

    protected CauNoiException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract String code();
}
