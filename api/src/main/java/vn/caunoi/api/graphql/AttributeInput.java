package vn.caunoi.api.graphql;

import vn.caunoi.core.common.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A named value a digital service's plugin defines, as clients send it. */
public record AttributeInput(String name, String value) {

    /** The attributes by name; a name given twice, or more than {@code max} attributes, is refused naming {@code field}. */
    public static Map<String, String> toMap(List<AttributeInput> attributes, String field, int max) {
        Map<String, String> map = new LinkedHashMap<>();
        if (attributes == null) {
            return map;
        }
        if (attributes.size() > max) {
            throw new InvalidInputException(field, "TOO_MANY", "at most " + max + " attributes");
        }
        for (AttributeInput a : attributes) {
            if (map.put(a.name(), a.value()) != null) {
                throw new InvalidInputException(field, "DUPLICATE_NAME", "attribute " + a.name() + " is given twice");
            }
        }
        return map;
    }
}
