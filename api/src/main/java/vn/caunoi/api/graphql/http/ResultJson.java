package vn.caunoi.api.graphql.http;

import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * A GraphQL answer ({@code ExecutionResult.toMap()}) as UTF-8 JSON. The answer is a tree of maps,
 * lists, strings, numbers, booleans and nulls — graphql-java has already turned every value into
 * one of those — so it is written here by a switch on the type. Jackson's general map serializer
 * looks a serializer up for each value and each key, and for a page of 100 teams with their ~1,000
 * members (2,300 values) that was a tenth of the request's time. A value of any other type (a
 * plugin's error extension, say) is written by Jackson.
 */
final class ResultJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final JsonMapper json;
    private byte[] buffer = new byte[8192];
    private int length;

    private ResultJson(JsonMapper json) {
        this.json = json;
    }

    /** {@code answer} as JSON; {@code json} writes the values of types an answer does not usually hold. */
    static byte[] write(Object answer, JsonMapper json) {
        ResultJson out = new ResultJson(json);
        out.value(answer);
        return Arrays.copyOf(out.buffer, out.length);
    }

    private void value(Object v) {
        if (v == null) {
            ascii("null");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Map<?, ?> map) {
            object(map);
        } else if (v instanceof Iterable<?> list) {
            array(list);
        } else if (v instanceof Boolean b) {
            ascii(b ? "true" : "false");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof BigDecimal) {
            ascii(v.toString());
        } else if (v instanceof Double d && Double.isFinite(d)) {
            ascii(d.toString());
        } else if (v instanceof Float f && Float.isFinite(f)) {
            ascii(f.toString());
        } else {
            bytes(json.writeValueAsBytes(v));
        }
    }

    private void object(Map<?, ?> map) {
        put('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                put(',');
            }
            first = false;
            string(String.valueOf(e.getKey()));
            put(':');
            value(e.getValue());
        }
        put('}');
    }

    private void array(Iterable<?> list) {
        put('[');
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                put(',');
            }
            first = false;
            value(item);
        }
        put(']');
    }

    /**
     * A JSON string: quotes, backslashes and control characters escaped, the rest in UTF-8; a lone
     * surrogate as a backslash-u escape of its four hex digits, so that the bytes stay valid UTF-8.
     */
    private void string(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        byte[] b = buffer;
        int at = length;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                } else {
                    b[at++] = '\\';
                    switch (c) {
                        case '"' -> b[at++] = '"';
                        case '\\' -> b[at++] = '\\';
                        case '\n' -> b[at++] = 'n';
                        case '\r' -> b[at++] = 'r';
                        case '\t' -> b[at++] = 't';
                        case '\b' -> b[at++] = 'b';
                        case '\f' -> b[at++] = 'f';
                        default -> at = unicodeEscape(b, at, c);
                    }
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xf0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                b[at++] = '\\';
                at = unicodeEscape(b, at, c);
            } else {
                b[at++] = (byte) (0xe0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        b[at++] = '"';
        length = at;
    }

    /** The letter u and the four hex digits of {@code c}, after the backslash. */
    private static int unicodeEscape(byte[] b, int at, char c) {
        b[at++] = 'u';
        b[at++] = HEX[(c >> 12) & 0xf];
        b[at++] = HEX[(c >> 8) & 0xf];
        b[at++] = HEX[(c >> 4) & 0xf];
        b[at++] = HEX[c & 0xf];
        return at;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    private void bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void put(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
