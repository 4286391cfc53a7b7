package vn.caunoi.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.caunoi.api.web.ErrorBodies;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The management endpoints other than health and info (the metrics, {@code /actuator/prometheus})
 * answer only a scraper that sends {@code Authorization: Bearer <caunoi.management.token>}; with no
 * token configured they are not served at all. Health stays open (orchestrators probe it) and shows
 * no details in production, like before.
 */
final class ManagementAccess extends OncePerRequestFilter {

    private final byte[] token;

    ManagementAccess(String token) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/actuator") || path.equals("/actuator/") || path.startsWith("/actuator/health") || path.startsWith("/actuator/info");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token == null) {
            ErrorBodies.write(response, 403, "FORBIDDEN", "metrics are not served: set caunoi.management.token and send it as a bearer token",
                    null);
            return;
        }
        String header = request.getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ") ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // Compared in constant time: the token is a shared secret.
        if (!MessageDigest.isEqual(token, given)) {
            response.setHeader("WWW-Authenticate", "Bearer");
            ErrorBodies.write(response, 401, "UNAUTHENTICATED", "send the management token: Authorization: Bearer <caunoi.management.token>",
                    Map.of());
            return;
        }
        chain.doFilter(request, response);
    }
}
