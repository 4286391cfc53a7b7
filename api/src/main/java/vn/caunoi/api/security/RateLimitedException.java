package vn.caunoi.api.security;

/** A caller went over her rate on a plain HTTP endpoint (an upload, a report): answered 429 with Retry-After. */
public final class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimitedException(String what, long retryAfterSeconds) {
        super("too many " + what + "; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
