package vn.caunoi.api.hierarchy;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import vn.caunoi.api.ApiTest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A page of units with their associations costs the same number of SQL statements whatever its size. */
class BatchingTest extends ApiTest {

    private static final String QUERY = """
            query($first: Int) { units(level: VILLAGE, under: "33", asOf: "2025-03-01", first: $first) {
              totalCount
              nodes { code parent { code parent { code } } ancestors { code }
                      children(first: 3) { totalCount nodes { code } }
                      predecessors { type unit { code } } successors { type unit { code } }
                      commune: parent { children(first: 2) { nodes { code parent { code } } } } } } }""";

    long statementsFor(int first) {
        long before = caunoi.statementsExecuted();
        ClientGraphQlResponse r = graphql(QUERY, Map.of("first", first));
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("units.nodes").toEntityList(Map.class)).hasSize(first);
        return caunoi.statementsExecuted() - before;
    }

    @Test
    void units_with_parents_ancestors_children_and_changes_cost_a_bounded_number_of_statements() {
        long ten = statementsFor(10);
        long hundred = statementsFor(100);
        long fiveHundred = statementsFor(500);
        org.slf4j.LoggerFactory.getLogger(BatchingTest.class).info("SQL statements for 10, 100, 500 units: {}, {}, {}", ten, hundred, fiveHundred);
        assertThat(hundred).isEqualTo(ten);
        assertThat(fiveHundred).isEqualTo(ten);
        // search + count, parent twice, grandparent, ancestors, children twice, predecessors, successors
        assertThat(ten).isLessThanOrEqualTo(12);
    }
}
