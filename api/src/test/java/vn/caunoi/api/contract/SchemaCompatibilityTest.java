package vn.caunoi.api.contract;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breaking-change check at work on throwaway copies of the published schema: a breaking change
 * is caught, named as the changelog must name it, and passes only when listed (and, for a removal,
 * after a release that deprecated it); additions never need listing.
 */
class SchemaCompatibilityTest {

    static String schema;

    static final String NO_BREAKING = """
            # Changelog

            ## [Unreleased]

            ### Added
            - Something new.

            ## [0.1.0] - 2026-12-01

            ### Breaking changes
            - `AdministrativeUnit.fullName`: listed under an old release, so it does not count now.
            """;

    @BeforeAll
    static void published() throws IOException {
        schema = Files.readString(SchemaContractTest.SDL, StandardCharsets.UTF_8);
        assertThat(schema).contains("  fullName: String!\n");
    }

    /** The copy without the first declaration of the field, and its description. */
    static String without(String sdl, String line) {
        String copy = sdl.replaceFirst("(  \"[^\"\n]*\"\n)?" + java.util.regex.Pattern.quote(line), "");
        assertThat(copy).isNotEqualTo(sdl);
        return copy;
    }

    @Test
    void a_removed_field_is_caught_and_named_as_the_changelog_names_it() {
        String broken = without(schema, "  fullName: String!\n");
        assertThat(SchemaCompatibility.breakingChanges(schema, broken)).extracting(SchemaCompatibility::element)
                .contains("AdministrativeUnit.fullName");
        assertThat(SchemaCompatibility.violations(schema, broken, NO_BREAKING))
                .anySatisfy(v -> assertThat(v).startsWith("AdministrativeUnit.fullName: ").contains("CHANGELOG.md"));
    }

    @Test
    void a_listed_removal_still_fails_unless_the_last_release_deprecated_it() {
        String broken = without(schema, "  fullName: String!\n");
        String listed = NO_BREAKING.replace("### Added", "### Breaking changes\n- `AdministrativeUnit.fullName`: removed; use `name`.\n\n### Added");
        assertThat(SchemaCompatibility.violations(schema, broken, listed))
                .containsExactly("AdministrativeUnit.fullName: removed without being @deprecated in the last release: "
                        + "deprecate it first, remove it in a later release");
        String deprecatedBefore = schema.replaceFirst(java.util.regex.Pattern.quote("  fullName: String!\n"),
                "  fullName: String! @deprecated(reason: \"Use name.\")\n");
        assertThat(SchemaCompatibility.violations(deprecatedBefore, broken, listed)).isEmpty();
    }

    @Test
    void a_changed_type_or_a_new_required_argument_is_caught_and_an_addition_is_not() {
        String nullable = schema.replaceFirst(java.util.regex.Pattern.quote("  fullName: String!\n"), "  fullName: String\n");
        assertThat(SchemaCompatibility.violations(schema, nullable, NO_BREAKING)).anySatisfy(v -> assertThat(v).startsWith("AdministrativeUnit.fullName: "));
        String required = schema.replaceFirst("\n  unit\\(", "\n  unit(extra: String!, ");
        assertThat(required).isNotEqualTo(schema);
        assertThat(SchemaCompatibility.violations(schema, required, NO_BREAKING)).anySatisfy(v -> assertThat(v).startsWith("Query.unit: "));
        String newField = schema.replaceFirst("(?m)^type Query \\{\n", "type Query {\n  \"New.\"\n  extra(code: String!): String\n");
        assertThat(SchemaCompatibility.breakingChanges(schema, newField)).isEmpty();
        String added = schema.replaceFirst(java.util.regex.Pattern.quote("  fullName: String!\n"),
                "  fullName: String!\n  \"A new field.\"\n  shortName: String\n");
        assertThat(SchemaCompatibility.violations(schema, added, NO_BREAKING)).isEmpty();
    }

    @Test
    void only_the_breaking_section_of_unreleased_counts() {
        String changelog = NO_BREAKING.replace("### Added", "### Breaking changes\n- `Query.units`: `first` is required.\n- `Team`: removed;"
                + " so are `Member.phone` and `Mutation.updateUser(id)`.\n\n### Added\n- `Query.extra`.");
        assertThat(SchemaCompatibility.listedAsBreaking(changelog)).contains("Query.units", "Team", "Member.phone", "Mutation.updateUser")
                .doesNotContain("Query.extra", "AdministrativeUnit.fullName");
        assertThat(SchemaCompatibility.listedAsBreaking(NO_BREAKING)).isEmpty();
    }
}
