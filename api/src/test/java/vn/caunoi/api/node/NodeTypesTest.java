package vn.caunoi.api.node;

import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import vn.caunoi.api.ApiTest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The one list of Node types against the schema, and node(id) for an object of every one of them. */
class NodeTypesTest extends ApiTest {

    @Autowired
    NodeTypes nodes;

    @Autowired
    GraphQlSource source;

    @Test
    void the_registry_lists_exactly_the_types_that_implement_node() {
        GraphQLInterfaceType node = (GraphQLInterfaceType) source.schema().getType("Node");
        Set<String> implementing = new TreeSet<>();
        source.schema().getImplementations(node).stream().map(GraphQLObjectType::getName).forEach(implementing::add);
        assertThat(new TreeSet<>(nodes.names())).isEqualTo(implementing);
    }

    @Test
    void node_finds_an_object_of_every_node_type_by_the_id_the_api_gave() {
        // One id of each type, as a client would have received it from a list.
        graphql("""
                mutation { recordAdoption(input: { idempotencyKey: "node-types-0001", citizenId: "034074000001", village: "12595.01",
                  service: "vssid", stage: "INSTALLED", occurredOn: "2025-03-02" }) { userErrors { code } } }""");
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("AdministrativeUnit", "{ x: unit(code: \"12595\") { id } }|x.id");
        paths.put("HierarchyChange", "{ x: hierarchyChanges(under: \"34\", first: 1) { nodes { id } } }|x.nodes[0].id");
        paths.put("Team", "{ x: teams(under: \"34\", asOf: \"2024-12-03\", first: 1) { nodes { id } } }|x.nodes[0].id");
        paths.put("Member", "{ x: members(under: \"34\", asOf: \"2024-12-03\", first: 1) { nodes { id } } }|x.nodes[0].id");
        paths.put("Membership", "{ x: teams(under: \"34\", asOf: \"2024-12-03\", first: 1) { nodes { memberships { id } } } }|x.nodes[0].memberships[0].id");
        paths.put("SupportActivity", "{ x: supportActivities(under: \"34\", asOf: \"2024-12-03\", first: 1) { nodes { id } } }|x.nodes[0].id");
        paths.put("Training", "{ x: trainings(under: \"34\", asOf: \"2024-12-03\", first: 1) { nodes { id } } }|x.nodes[0].id");
        paths.put("Campaign", "{ x: campaigns(first: 1) { nodes { id } } }|x.nodes[0].id");
        paths.put("Feedback", "{ x: feedback(under: \"34\", asOf: \"2024-12-03\", first: 1) { nodes { id } } }|x.nodes[0].id");
        paths.put("Resident", "{ x: resident(citizenId: \"034074000001\") { id } }|x.id");
        paths.put("AdoptionEvent", "{ x: resident(citizenId: \"034074000001\") { history { id } } }|x.history[0].id");
        paths.put("ImportJob", "{ x: resident(citizenId: \"034074000001\") { history { importJob { id } } } }|x.history[0].importJob.id");
        paths.put("AdoptionTarget", "{ x: adoptionTargets(under: \"33\") { id } }|x[0].id");
        paths.put("User", "{ x: users(first: 1) { nodes { id } } }|x.nodes[0].id");
        assertThat(paths.keySet()).as("every type of the registry is tried").containsExactlyInAnyOrderElementsOf(nodes.names());
        paths.forEach((type, query) -> {
            String[] parts = query.split("\\|");
            String id = graphql(parts[0]).field(parts[1]).toEntity(String.class);
            assertThat(id).as(type).isNotBlank();
            var found = graphql("query($id: ID!) { node(id: $id) { __typename id } }", Map.of("id", id));
            assertThat(found.getErrors()).as(type).isEmpty();
            assertThat(found.field("node.__typename").toEntity(String.class)).as(type).isEqualTo(type);
            assertThat(found.field("node.id").toEntity(String.class)).as(type).isEqualTo(id);
        });
    }

    @Test
    void node_of_an_object_outside_the_callers_view_or_of_no_type_is_null() {
        String resident = graphql("{ x: resident(citizenId: \"034074000001\") { id } }").field("x.id").toEntity(String.class);
        var publicView = anonymous().document("query($id: ID!) { node(id: $id) { id } }").variable("id", resident).executeSync();
        assertThat(publicView.getErrors()).extracting(e -> e.getExtensions().get("code")).containsExactly("UNAUTHENTICATED");
        String unknownType = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("Nothing:1".getBytes());
        Object none = graphql("query($id: ID!) { node(id: $id) { id } }", Map.of("id", unknownType)).field("node").getValue();
        assertThat(none).isNull();
    }
}
