package vn.caunoi.api.database;

/**
 * A reason the server (or a command) cannot start that the operator can fix: it carries a short
 * description, what to do, and the process exit code that names the kind of failure. Boot prints
 * it through {@link StartupFailureAnalyzer} as a few lines instead of a stack trace.
 */
public final class StartupFailure extends RuntimeException {

    /** Exit codes (sysexits-style), the same for the server and every command; docs/operations.md lists them. */
    public static final int UNAVAILABLE = 69;
    public static final int CANNOT_CREATE = 73;
    public static final int BUSY = 75;
    public static final int CONFIGURATION = 78;

    private final int exitCode;
    private final String action;

    public StartupFailure(int exitCode, String description, String action) {
        this(exitCode, description, action, null);
    }

    public StartupFailure(int exitCode, String description, String action, Throwable cause) {
        super(description, cause);
        this.exitCode = exitCode;
        this.action = action;
    }

    public int exitCode() {
        return exitCode;
    }

    public String action() {
        return action;
    }

    /** The exit code a failure ending the process stands for: a {@link StartupFailure}'s own, else 1. */
    public static int exitCodeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupFailure s) {
                return s.exitCode();
            }
        }
        return 1;
    }

    /** The {@link StartupFailure} behind {@code failure}, if there is one. */
    public static StartupFailure in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupFailure s) {
                return s;
            }
        }
        return null;
    }
}
