package vn.caunoi.api.graphql;

import vn.caunoi.core.common.InvalidInputException;

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

    /** The internal id of an object of {@code type}; bad or foreign ids are input errors naming {@code field}. */
    public static long idOf(String text, String type, String field) {
        if (text == null) {
            return 0;
        }
        GlobalId id = decode(text, field);
        if (!id.type().equals(type)) {
            throw new InvalidInputException(field, "BAD_ID", field + " is the id of a " + id.type() + ", not of a " + type);
        }
        return id.id();
    }

    /** As {@link #idOf} for an optional id: null stays null. */
    public static Long optionalIdOf(String text, String type, String field) {
        return text == null ? null : idOf(text, type, field);
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
