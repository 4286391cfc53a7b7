package vn.caunoi.api.plugins;

import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks plugin schema fragments against the server's own schema before the schema is built, so a
 * fragment that does not fit fails its plugin instead of stopping the server.
 */
final class SchemaCheck {

    private final List<String> base;

    SchemaCheck() {
        List<String> texts = new ArrayList<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:graphql/**/*.graphqls")) {
                texts.add(r.getContentAsString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the base GraphQL schema", e);
        }
        this.base = List.copyOf(texts);
    }

    /** A schema fragment of a plugin, with the resolvers of its fields. */
    record Fragment(String pluginId, String resource, String text, Map<String, Map<String, vn.caunoi.spi.FieldResolver>> resolvers) {
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong when {@code fragments} do not fit the base schema. */
    void check(List<Fragment> fragments) {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        base.forEach(text -> registry.merge(parser.parse(text)));
        for (Fragment f : fragments) {
            try {
                registry.merge(parser.parse(f.text()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("schema " + f.resource() + " of plugin " + f.pluginId() + ": " + message(e));
            }
        }
        try {
            UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schema of plugin " + fragments.get(fragments.size() - 1).pluginId()
                    + " does not fit the server's schema: " + message(e));
        }
        for (Fragment f : fragments) {
            f.resolvers().forEach((type, fields) -> fields.keySet().forEach(field -> {
                if (!hasField(registry, type, field)) {
                    throw new IllegalArgumentException("plugin " + f.pluginId() + " resolves " + type + "." + field
                            + ", which its schema does not define");
                }
            }));
        }
    }

    private static boolean hasField(TypeDefinitionRegistry registry, String type, String field) {
        List<TypeDefinition<?>> definitions = new ArrayList<>();
        registry.getType(type).ifPresent(definitions::add);
        definitions.addAll(registry.objectTypeExtensions().getOrDefault(type, List.of()));
        return definitions.stream().anyMatch(t -> t instanceof ImplementingTypeDefinition<?> it
                && it.getFieldDefinitions().stream().map(d -> ((FieldDefinition) d).getName()).anyMatch(field::equals));
    }

    private static String message(RuntimeException e) {
        String m = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }
}
