package vn.caunoi.api.graphql.http;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a GraphQL answer, written value by value to Jackson's generator. An answer is maps,
 * lists, strings, numbers, booleans and nulls (graphql-java's {@code toSpecification}); the mapper
 * looked a serializer up for each of them (a page of teams has some 3,000), which was an eighth of
 * the server's time on that page. The bytes are the mapper's own: anything else is handed to it.
 */
final class ResultJson {

    private ResultJson() {
    }

    static byte[] write(JsonMapper json, Object answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = json.createGenerator(out)) {
            value(g, answer);
        }
        return out.toByteArray();
    }

    private static void value(JsonGenerator g, Object v) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            g.writeStartObject(map, map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray(list, list.size());
            for (Object item : list) {
                value(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else {
            g.writePOJO(v);
        }
    }
}
