package vn.caunoi.spi;

import java.util.Map;
import java.util.Objects;

/**
 * GraphQL schema a plugin adds: a {@code .graphqls} resource inside the plugin jar (which may define
 * new types and {@code extend type Query} or {@code extend type DigitalService}) and the resolvers of
 * its fields, by type name then field name. The server checks it against the base schema at load
 * time; a fragment that does not fit fails the plugin, not the server.
 */
public record SchemaContribution(String resource, Map<String, Map<String, FieldResolver>> resolvers) {

    public SchemaContribution {
        Checks.text(resource, "schema resource", 300);
        if (!resource.endsWith(".graphqls")) {
            throw new IllegalArgumentException("schema resource must be a .graphqls file: " + resource);
        }
        resolvers = Map.copyOf(Objects.requireNonNull(resolvers, "resolvers"));
        resolvers.values().forEach(Objects::requireNonNull);
    }
}
