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
 * is a 400 naming each field, a known refusal a 400 with its code. Anything else is Spring's
 * error response, which carries no stack trace.
 */
@RestControllerAdvice(basePackages = "vn.caunoi.api")
public class RestErrors {

    @ExceptionHandler(InvalidInputException.class)
    public ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(Map.of("errors", e.problems().stream()
                .map(p -> Map.of("field", p.field(), "code", p.reason(), "message", p.message())).toList()));
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
