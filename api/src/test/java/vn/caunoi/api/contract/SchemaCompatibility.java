package vn.caunoi.api.contract;

import graphql.language.Definition;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NamedNode;
import graphql.language.ObjectTypeDefinition;
import graphql.parser.Parser;
import graphql.schema.diff.DiffCategory;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule that keeps clients working: compared with the schema of the last release (graphql-java's
 * {@link SchemaDiff}), every breaking change must be listed in {@code CHANGELOG.md}, under
 * {@code ## [Unreleased]}, in a {@code ### Breaking changes} section that names the element in
 * backticks ({@code - `Type.field`: what changed, what to use instead}; {@code `Type.field(argument)`}
 * for an argument, {@code `Type`} for a whole type); and a field, input field or enum value may be removed only after a release in which it was
 * {@code @deprecated(reason: …)}.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** The breaking changes from {@code released} to {@code current} (both SDL). */
    static List<DiffEvent> breakingChanges(String released, String current) {
        CapturingReporter reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(released, current), reporter);
        return reporter.getBreakages();
    }

    /** How a change is named in the changelog: {@code Type.field} (or {@code Type.value}), else {@code Type}. */
    static String element(DiffEvent e) {
        return e.getFieldName() == null || e.getFieldName().isBlank() ? e.getTypeName() : e.getTypeName() + "." + e.getFieldName();
    }

    /** The elements listed under {@code ### Breaking} in the Unreleased section of the changelog. */
    static Set<String> listedAsBreaking(String changelog) {
        Set<String> listed = new TreeSet<>();
        String unreleased = section(changelog, "## [Unreleased]", "\n## ");
        String breaking = section(unreleased, "### Breaking", "\n##"); // "### Breaking changes"
        // Every element named in backticks counts: `Type`, `Type.field`, or `Type.field(argument)` (its field).
        Matcher m = Pattern.compile("`([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)(?:\\([A-Za-z_][A-Za-z0-9_]*\\))?`").matcher(breaking);
        while (m.find()) {
            listed.add(m.group(1));
        }
        return listed;
    }

    private static String section(String text, String heading, String next) {
        int start = text.indexOf(heading);
        if (start < 0) {
            return "";
        }
        int from = start + heading.length();
        int end = text.indexOf(next, from);
        return text.substring(from, end < 0 ? text.length() : end);
    }

    /** What breaks the rule, one sentence each; empty when the change may be released. */
    static List<String> violations(String released, String current, String changelog) {
        Set<String> listed = listedAsBreaking(changelog);
        Document old = Parser.parse(released);
        List<String> problems = new ArrayList<>();
        for (DiffEvent e : breakingChanges(released, current)) {
            String element = element(e);
            if (!listed.contains(element)) {
                problems.add(element + ": " + e.getReasonMsg() + " — a breaking change: list `" + element
                        + "` under ### Breaking changes in the [Unreleased] section of CHANGELOG.md, or keep it (deprecate first)");
            }
            if (e.getCategory() == DiffCategory.MISSING && e.getFieldName() != null && !deprecated(old, e.getTypeName(), e.getFieldName())) {
                problems.add(element + ": removed without being @deprecated in the last release: deprecate it first, remove it in a later release");
            }
        }
        return problems;
    }

    /** Whether the field, input field or enum value was marked {@code @deprecated} in the document. */
    static boolean deprecated(Document document, String type, String member) {
        for (Definition<?> d : document.getDefinitions()) {
            List<? extends NamedNode<?>> members = List.of();
            if (d instanceof ObjectTypeDefinition o && o.getName().equals(type)) {
                members = o.getFieldDefinitions();
            } else if (d instanceof InterfaceTypeDefinition i && i.getName().equals(type)) {
                members = i.getFieldDefinitions();
            } else if (d instanceof InputObjectTypeDefinition i && i.getName().equals(type)) {
                members = i.getInputValueDefinitions();
            } else if (d instanceof EnumTypeDefinition en && en.getName().equals(type)) {
                members = en.getEnumValueDefinitions();
            }
            for (NamedNode<?> n : members) {
                if (n.getName().equals(member) && n instanceof DirectivesContainer<?> c && c.hasDirective("deprecated")) {
                    return true;
                }
            }
        }
        return false;
    }
}
