package vn.caunoi.api.contract;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaPrinter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import vn.caunoi.api.ApiTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema is a contract with front-end developers: the running schema (with the five
 * first-party plugins' parts) is the committed SDL file they generate types from, every element of
 * it says what it means, and nothing in it breaks against the last release unless CHANGELOG.md says
 * so.
 */
class SchemaContractTest extends ApiTest {

    /** The published schema, from the api module's directory (where the tests run). */
    static final Path SDL = Path.of("..", "docs", "schema.graphql");
    /** The schema of the last release: moved forward at each release (docs/api.md, "Versioning"). */
    static final Path RELEASED = Path.of("src", "test", "resources", "schema", "released.graphql");
    static final Path CHANGELOG = Path.of("..", "CHANGELOG.md");
    static final String UPDATE = "mvn -q -DskipTests package && mvn -q -pl api test -Dmdep.skip=true -Dtest=SchemaContractTest -Dschema.update=true";

    @Autowired
    GraphQlSource source;

    /** The schema as the SDL file holds it: descriptions, deprecations, types by name. */
    static String print(GraphQLSchema schema) {
        return new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
                .includeDirectives(d -> d.equals("deprecated") || d.equals("specifiedBy") || d.equals("oneOf"))
                .includeDirectiveDefinitions(false)
                .includeSchemaDefinition(false)
                .includeScalarTypes(true))
                .print(schema);
    }

    @Test
    void the_committed_sdl_file_is_the_running_schema() throws IOException {
        String running = print(source.schema());
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(SDL, running, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(SDL) ? Files.readString(SDL, StandardCharsets.UTF_8) : "";
        assertThat(committed).as("docs/schema.graphql differs from the running schema; if the change is meant, rewrite it with:%n  %s%n"
                + "and commit it (the diff is what front-end developers will see)", UPDATE).isEqualTo(running);
    }

    @Test
    void every_type_field_argument_input_field_and_enum_value_is_described() {
        List<String> undescribed = undescribed(source.schema());
        assertThat(undescribed).as("elements without a description (say what it is, its unit, what null means, what the date is)")
                .isEmpty();
    }

    @Test
    void nothing_breaks_against_the_last_release_unless_the_changelog_lists_it() throws IOException {
        String released = Files.readString(RELEASED, StandardCharsets.UTF_8);
        String current = print(source.schema());
        assertThat(SchemaCompatibility.violations(released, current, Files.readString(CHANGELOG, StandardCharsets.UTF_8))).isEmpty();
    }

    /** Every type (but the introspection types and GraphQL's own scalars) and every member of it without a description. */
    static List<String> undescribed(GraphQLSchema schema) {
        List<String> missing = new ArrayList<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            String name = type.getName();
            if (name.startsWith("__") || (type instanceof GraphQLScalarType s && ScalarInfo.isGraphqlSpecifiedScalar(s))) {
                continue;
            }
            if (blank(type.getDescription())) {
                missing.add(name);
            }
            if (type instanceof GraphQLFieldsContainer c) {
                for (GraphQLFieldDefinition f : c.getFieldDefinitions()) {
                    if (blank(f.getDescription())) {
                        missing.add(name + "." + f.getName());
                    }
                    for (GraphQLArgument a : f.getArguments()) {
                        if (blank(a.getDescription())) {
                            missing.add(name + "." + f.getName() + "(" + a.getName() + ")");
                        }
                    }
                }
            } else if (type instanceof GraphQLInputObjectType i) {
                for (GraphQLInputObjectField f : i.getFieldDefinitions()) {
                    if (blank(f.getDescription())) {
                        missing.add(name + "." + f.getName());
                    }
                }
            } else if (type instanceof GraphQLEnumType e) {
                for (GraphQLEnumValueDefinition v : e.getValues()) {
                    if (blank(v.getDescription())) {
                        missing.add(name + "." + v.getName());
                    }
                }
            }
        }
        return missing;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
