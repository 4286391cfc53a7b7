package vn.caunoi.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.api.database.DatabaseAvailability;
import vn.caunoi.api.database.DatabaseErrors;
import vn.caunoi.api.database.RequestDeadline;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * In front of everything that needs the database ({@code /graphql}, uploads, reports, development
 * tokens): while the database is unavailable, answers at once with 503, {@code Retry-After} and a
 * {@code SERVICE_UNAVAILABLE} error instead of letting the request wait for a connection. Behind
 * it, whatever escapes the application (a connection lost while a token's user was read, anything
 * unexpected) still leaves as a JSON error with a code, never a bare 500 page. It also sets each
 * request's deadline ({@link RequestDeadline}) and starts the database probe once the server is up.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class DatabaseGate extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGate.class);

    private final DatabaseAvailability availability;
    private final long retryAfterSeconds;
    private final RequestDeadline.Filter deadline;

    private final vn.caunoi.api.metrics.OperationMetrics metrics;

    public DatabaseGate(DatabaseAvailability availability, CauNoiProperties properties, vn.caunoi.api.metrics.OperationMetrics metrics) {
        this.availability = availability;
        this.metrics = metrics;
        this.retryAfterSeconds = Math.max(1, properties.database().retryAfter().toSeconds());
        this.deadline = new RequestDeadline.Filter(properties.limits().timeout());
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startProbing() {
        availability.startProbing();
    }

    static boolean needsDatabase(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/graphql") || path.startsWith("/imports") || path.startsWith("/reports") || path.startsWith("/dev/token");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !needsDatabase(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!availability.isUp()) {
            unavailable(response);
            return;
        }
        try {
            deadline.doFilter(request, response, chain);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            if (DatabaseErrors.timeout(e)) {
                // e.g. the signed-in user's role read while the pool was full past the deadline
                response.reset();
                metrics.errors("http", java.util.List.of("TIMEOUT"));
                ErrorBodies.write(response, 504, "TIMEOUT", "the request took longer than allowed and was stopped; try again later",
                        null);
                return;
            }
            if (DatabaseErrors.unavailable(e)) {
                availability.suspect();
                response.reset();
                unavailable(response);
                return;
            }
            String reference = UUID.randomUUID().toString();
            // By type and stack, without the message: a driver's message may quote a value.
            log.error("internal error {} on {} {}: {}", reference, request.getMethod(), request.getRequestURI(), e.getClass().getName(),
                    new Trace(e));
            response.reset();
            metrics.errors("http", java.util.List.of("INTERNAL_ERROR"));
            ErrorBodies.write(response, 500, "INTERNAL_ERROR", "internal error; reference " + reference, Map.of("reference", reference));
        }
    }

    private void unavailable(HttpServletResponse response) throws IOException {
        metrics.errors("http", java.util.List.of("SERVICE_UNAVAILABLE"));
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        ErrorBodies.write(response, 503, "SERVICE_UNAVAILABLE", "the database is unavailable; try again in " + retryAfterSeconds + " s",
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    /** A throwable's stack without its messages, for the log. */
    static final class Trace extends Throwable {
        Trace(Throwable of) {
            super(of.getClass().getName(), of.getCause() == null ? null : new Trace(of.getCause()), false, true);
            setStackTrace(of.getStackTrace());
        }
    }
}
