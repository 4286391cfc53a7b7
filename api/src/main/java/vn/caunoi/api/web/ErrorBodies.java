package vn.caunoi.api.web;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one shape of an error body outside GraphQL's own responses, written where no controller runs
 * (filters, the error page): {@code {"errors":[{"message":…,"code":…,"extensions":{"code":…}}]}} —
 * the code both where REST clients of this server read it and where GraphQL clients do.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    public static void write(HttpServletResponse response, int status, String code, String message, Map<String, Object> more)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        StringBuilder extra = new StringBuilder();
        if (more != null) {
            more.forEach((k, v) -> extra.append(",\"").append(k).append("\":").append(v instanceof Number ? v.toString() : quote(String.valueOf(v))));
        }
        String json = "{\"errors\":[{\"message\":" + quote(message) + ",\"code\":\"" + code + "\"" + extra + ",\"extensions\":{\"code\":\""
                + code + "\"" + extra + "}}]}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
