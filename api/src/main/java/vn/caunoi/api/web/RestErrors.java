package vn.caunoi.api.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.caunoi.core.common.CauNoiException;
import vn.caunoi.core.common.InvalidInputException;

import java.util.List;
import java.util.Map;

/**
 * Errors of the plain HTTP endpoints (uploads, reports), the one way they are answered: bad input
 * is a 400 naming each field, a known refusal a 400 with its code, a timeout 504 {@code TIMEOUT}. A lost
 * database and anything unexpected are answered by {@link DatabaseGate} (503 {@code SERVICE_UNAVAILABLE},
 * 500 {@code INTERNAL_ERROR} with a reference); statuses the container sets itself by {@link ErrorPage}.
 */
@RestControllerAdvice(basePackages = "vn.caunoi.api")
public class RestErrors {

    @ExceptionHandler(InvalidInputException.class)
    public ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(Map.of("errors", e.problems().stream()
                .map(p -> Map.of("field", p.field(), "code", p.reason(), "message", p.message())).toList()));
    }

    /** A report that ran past the deadline is not bad input: its own code and status. */
    @ExceptionHandler(vn.caunoi.core.common.QueryTimeoutException.class)
    public ResponseEntity<Map<String, Object>> timeout(vn.caunoi.core.common.QueryTimeoutException e) {
        return ResponseEntity.status(504).body(Map.of("errors", List.of(Map.of("code", e.code(), "message", e.getMessage()))));
    }

    @ExceptionHandler(vn.caunoi.api.security.RateLimitedException.class)
    public ResponseEntity<Map<String, Object>> rateLimited(vn.caunoi.api.security.RateLimitedException e) {
        return ResponseEntity.status(429).header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .body(Map.of("errors", List.of(Map.of("code", "RATE_LIMITED", "message", e.getMessage(), "retryAfterSeconds", e.retryAfterSeconds()))));
    }

    @ExceptionHandler(CauNoiException.class)
    public ResponseEntity<Map<String, Object>> refused(CauNoiException e) {
        return ResponseEntity.badRequest().body(Map.of("errors", List.of(Map.of("code", e.code(), "message", e.getMessage()))));
    }
}
