package vn.caunoi.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import vn.caunoi.api.database.DatabaseErrors;

import java.io.IOException;
import java.util.Map;

/**
 * Replaces Boot's error page: whatever the servlet container answers by itself (an unknown path,
 * a wrong method or media type, a malformed request) is the same JSON error with a stable code as
 * everything else, never an HTML page or a body without a code.
 */
@Controller
public class ErrorPage implements ErrorController {

    private final vn.caunoi.api.metrics.OperationMetrics metrics;

    public ErrorPage(vn.caunoi.api.metrics.OperationMetrics metrics) {
        this.metrics = metrics;
    }

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer i ? i : 500;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable t && DatabaseErrors.unavailable(t)) {
            metrics.errors("http", java.util.List.of("SERVICE_UNAVAILABLE"));
            response.setHeader("Retry-After", "5");
            ErrorBodies.write(response, 503, "SERVICE_UNAVAILABLE", "the database is unavailable; try again shortly", null);
            return;
        }
        if (failure instanceof Throwable t && DatabaseErrors.timeout(t)) {
            metrics.errors("http", java.util.List.of("TIMEOUT"));
            ErrorBodies.write(response, 504, "TIMEOUT", "the request took longer than allowed and was stopped", null);
            return;
        }
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "REQUEST_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMITED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        String message = switch (code) {
            case "NOT_FOUND" -> "nothing here: " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            case "METHOD_NOT_ALLOWED" -> "this method is not allowed here";
            case "UNSUPPORTED_MEDIA_TYPE" -> "this content type is not accepted here";
            case "INTERNAL_ERROR" -> "internal error";
            default -> "the request was refused (HTTP " + status + ")";
        };
        metrics.errors("http", java.util.List.of(code));
        ErrorBodies.write(response, status, code, message, Map.of());
    }
}
