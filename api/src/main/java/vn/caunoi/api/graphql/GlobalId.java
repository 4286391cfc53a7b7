package vn.caunoi.api.graphql;

import vn.caunoi.core.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque global ids: the type name and the internal id, base64url-encoded. */
public record GlobalId(String type, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static String of(String type, long id) {
        return new GlobalId(type, id).encode();
    }

    public static GlobalId decode(String text, String field) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.lastIndexOf(':');
            if (colon > 0) {
                return new GlobalId(plain.substring(0, colon), Long.parseLong(plain.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            // fall through: not one of our ids
        }
        throw new InvalidInputException(field, "BAD_ID", field + " is not an id returned by this API");
    }
}
