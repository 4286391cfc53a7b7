package vn.caunoi.api.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * The deadline of the HTTP request the current thread serves ({@code caunoi.limits.timeout} after it
 * arrived). The pool reads it, so that waiting for a connection counts against the request's time
 * like the statements do; background work (imports) has no deadline.
 */
public final class RequestDeadline {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private RequestDeadline() {
    }

    /** The deadline in {@link System#nanoTime()} terms, or null outside a request. */
    public static Long nanos() {
        return DEADLINE.get();
    }

    /**
     * Refuses to start more work for a request whose deadline has passed: a batch of reads that
     * graphql-java dispatches after its fetchers ran (which check the deadline themselves) is
     * stopped as a statement past its timeout would be.
     */
    public static void check() {
        Long deadline = DEADLINE.get();
        if (deadline != null && System.nanoTime() - deadline > 0) {
            throw new vn.caunoi.core.common.QueryTimeoutException(null);
        }
    }

    /** Runs {@code work} as a request with this much time left (what the filter does for HTTP requests). */
    public static <T> T within(Duration timeout, java.util.concurrent.Callable<T> work) throws Exception {
        Long outer = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + timeout.toNanos());
        try {
            return work.call();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    /** Runs the rest of the request with a deadline; health and metrics have their own budget, uploads none. */
    public static final class Filter extends OncePerRequestFilter {

        private final long timeoutNanos;

        public Filter(Duration timeout) {
            this.timeoutNanos = timeout.toNanos();
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // Uploads may take minutes to arrive before they ask the database anything; they have their own size limit.
            return request.getRequestURI().startsWith("/actuator")
                    || ("POST".equals(request.getMethod()) && request.getRequestURI().startsWith("/imports"));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Long outer = DEADLINE.get();
            DEADLINE.set(System.nanoTime() + timeoutNanos);
            try {
                chain.doFilter(request, response);
            } finally {
                if (outer == null) {
                    DEADLINE.remove();
                } else {
                    DEADLINE.set(outer);
                }
            }
        }
    }
}
