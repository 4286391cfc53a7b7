package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one table of operations and roles lives in core; the server's rules name its operations and
 * docs/security.md shows it. This test fails when the documented table drifts from either.
 */
class OperationsTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\([^)]*\\) \\| ([^|]*) \\| ([^|]*) \\|$");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z_.]+)`");

    record Documented(Set<Role> roles, Set<String> fields) {
    }

    static Map<Operation, Documented> documented() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "security.md"));
        String table = doc.substring(doc.indexOf("<!-- operations:start"), doc.indexOf("<!-- operations:end -->"));
        Map<Operation, Documented> rows = new LinkedHashMap<>();
        for (String line : table.lines().toList()) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                Set<Role> roles = NAME.matcher(m.group(2)).results().map(r -> Role.valueOf(r.group(1)))
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> fields = NAME.matcher(m.group(3)).results().map(r -> r.group(1))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(rows.put(Operation.valueOf(m.group(1)), new Documented(roles, fields))).as("listed twice: " + m.group(1)).isNull();
            }
        }
        return rows;
    }

    @Test
    void the_documented_table_lists_every_operation_with_the_roles_core_allows() throws IOException {
        Map<Operation, Documented> rows = documented();
        assertThat(rows.keySet()).containsExactlyInAnyOrder(Operation.values());
        for (Operation op : Operation.values()) {
            assertThat(rows.get(op).roles()).as(op.name()).isEqualTo(new TreeSet<>(op.roles()));
        }
    }

    @Test
    void the_documented_table_names_each_field_with_the_operation_the_server_checks() throws IOException {
        Map<Operation, Documented> rows = documented();
        Map<Operation, Set<String>> ruled = new LinkedHashMap<>();
        Arrays.stream(Operation.values()).forEach(op -> ruled.put(op, new TreeSet<>()));
        AccessRules.RULES.forEach((field, op) -> ruled.get(op).add(field));
        for (Operation op : Operation.values()) {
            assertThat(rows.get(op).fields()).as(op.name()).isEqualTo(ruled.get(op));
        }
    }
}
