package vn.caunoi.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refused tokens as a client can read them: 401 with a GraphQL-shaped JSON error and a stable
 * code, and the standard {@code WWW-Authenticate} header. The reason never repeats the token.
 */
@Component
public class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String reason = e instanceof InvalidBearerTokenException ? reason(e.getMessage()) : e.getMessage();
        write(response, 401, "UNAUTHENTICATED", "the bearer token was refused: " + reason,
                "Bearer error=\"invalid_token\", error_description=\"" + reason.replace("\"", "'") + "\"");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, 403, "FORBIDDEN", "not allowed", "Bearer error=\"insufficient_scope\"");
    }

    /** Nimbus's messages say what is wrong without quoting the token; keep only their first sentence. */
    private static String reason(String message) {
        if (message == null) {
            return "invalid token";
        }
        String m = message.replaceAll("[\\r\\n\"]", " ");
        if (m.contains("expired")) {
            return "the token has expired";
        }
        if (m.toLowerCase(java.util.Locale.ROOT).contains("signature")) {
            return "the signature does not verify";
        }
        if (m.contains("Unsupported algorithm") || m.contains("alg") || m.contains("none")) {
            return "the token is not signed with an accepted algorithm";
        }
        if (m.contains("Malformed") || m.contains("parse")) {
            return "the token is not a well-formed JWT";
        }
        return m.length() > 160 ? m.substring(0, 160) : m;
    }

    static void write(HttpServletResponse response, int status, String code, String message, String authenticate) throws IOException {
        response.setStatus(status);
        if (authenticate != null) {
            response.setHeader("WWW-Authenticate", authenticate);
        }
        response.setContentType("application/json");
        String json = "{\"errors\":[{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"extensions\":{\"code\":\"" + code + "\"}}]}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
