package vn.caunoi.api.hierarchy;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import vn.caunoi.api.ApiTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hierarchy queries over HTTP, on the real 2024–2025 data of Hưng Yên and Thái Bình. */
class HierarchyQueriesTest extends ApiTest {

    @Test
    void unit_is_null_when_no_unit_has_the_code_on_that_date() {
        ClientGraphQlResponse r = graphql("""
                { today: unit(code: "34") { code }
                  before: unit(code: "34", asOf: "2024-06-01") { code name kind level validFrom validTo asOf } }""");
        assertThat(r.getErrors()).isEmpty();
        assertThat((Object) r.field("today").getValue()).isNull();
        assertThat(r.field("before").toEntity(Map.class)).containsEntry("name", "Thái Bình").containsEntry("kind", "Tỉnh")
                .containsEntry("level", "PROVINCE").containsEntry("validTo", "2025-07-01").containsEntry("asOf", "2024-06-01");
    }

    @Test
    void as_of_defaults_to_today_in_ho_chi_minh_city() {
        ClientGraphQlResponse r = graphql("{ unit(code: \"33\") { asOf fullName } }");
        assertThat(r.field("unit.asOf").toEntity(String.class)).isEqualTo(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString());
        assertThat(r.field("unit.fullName").toEntity(String.class)).isEqualTo("Tỉnh Hưng Yên");
    }

    @Test
    void commune_counts_through_the_reorganisations() {
        ClientGraphQlResponse r = graphql("""
                { june2024: units(level: COMMUNE, under: "34", asOf: "2024-06-01", first: 0) { totalCount }
                  december2024: units(level: COMMUNE, under: "34", asOf: "2024-12-01", first: 0) { totalCount }
                  hungYenToday: units(level: COMMUNE, under: "33", first: 0) { totalCount }
                  districtsToday: units(level: DISTRICT, under: "33", first: 0) { totalCount }
                  districtsThenOfThaiBinh: units(level: DISTRICT, under: "34", asOf: "2024-06-01") { totalCount nodes { kind name } } }""");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("june2024.totalCount").toEntity(Integer.class)).isEqualTo(260);
        assertThat(r.field("december2024.totalCount").toEntity(Integer.class)).isEqualTo(242);
        assertThat(r.field("hungYenToday.totalCount").toEntity(Integer.class)).isEqualTo(104);
        assertThat(r.field("districtsToday.totalCount").toEntity(Integer.class)).isZero();
        assertThat(r.field("districtsThenOfThaiBinh.totalCount").toEntity(Integer.class)).isEqualTo(8);
        assertThat(r.field("districtsThenOfThaiBinh.nodes").toEntityList(Map.class)).extracting(m -> (String) m.get("name"))
                .contains("Hưng Hà", "Vũ Thư", "Thái Bình");
    }

    @Test
    void the_two_tan_hoa_of_thai_binh_and_where_each_went_on_1_july_2025() {
        ClientGraphQlResponse r = graphql("""
                { units(level: COMMUNE, under: "34", search: "Tân Hoà", asOf: "2024-06-01") {
                    totalCount
                    nodes { code fullName parent { fullName }
                            successors { type effectiveDate share legalBasis
                                         unit { code fullName asOf parent { fullName } predecessors { unit { code } } } } } } }""");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("units.totalCount").toEntity(Integer.class)).isEqualTo(2);
        assertThat(r.field("units.nodes[0].code").toEntity(String.class)).isEqualTo("12622");
        assertThat(r.field("units.nodes[0].parent.fullName").toEntity(String.class)).isEqualTo("Huyện Hưng Hà");
        assertThat(r.field("units.nodes[0].successors[0].type").toEntity(String.class)).isEqualTo("MERGED");
        assertThat(r.field("units.nodes[0].successors[0].effectiveDate").toEntity(String.class)).isEqualTo("2025-07-01");
        assertThat(r.field("units.nodes[0].successors[0].legalBasis").toEntity(String.class)).contains("1666/NQ-UBTVQH15");
        assertThat(r.field("units.nodes[0].successors[0].unit.code").toEntity(String.class)).isEqualTo("12595");
        assertThat(r.field("units.nodes[0].successors[0].unit.fullName").toEntity(String.class)).isEqualTo("Xã Ngự Thiên");
        assertThat(r.field("units.nodes[0].successors[0].unit.asOf").toEntity(String.class)).isEqualTo("2025-07-01");
        assertThat(r.field("units.nodes[0].successors[0].unit.parent.fullName").toEntity(String.class)).isEqualTo("Tỉnh Hưng Yên");
        assertThat(r.field("units.nodes[0].successors[0].unit.predecessors").toEntityList(Map.class))
                .extracting(m -> (String) ((Map<?, ?>) m.get("unit")).get("code")).contains("12622");
        assertThat(r.field("units.nodes[1].code").toEntity(String.class)).isEqualTo("13216");
        assertThat(r.field("units.nodes[1].parent.fullName").toEntity(String.class)).isEqualTo("Huyện Vũ Thư");
        assertThat(r.field("units.nodes[1].successors[0].unit.fullName").toEntity(String.class)).isEqualTo("Phường Thái Bình");
    }

    @Test
    void parent_ancestors_and_children_are_those_of_the_date_asked() {
        ClientGraphQlResponse r = graphql("""
                { then: unit(code: "12622.01", asOf: "2024-06-01") { fullName ancestors { code level } parent { code } }
                  now: unit(code: "12622.01") { ancestors { code level } parent { code fullName } }
                  nguThien: unit(code: "12595") { children(first: 100) { totalCount nodes { code } } } }""");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("then.ancestors").toEntityList(Map.class)).extracting(m -> (String) m.get("code")).containsExactly("12622", "339", "34");
        assertThat(r.field("now.ancestors").toEntityList(Map.class)).extracting(m -> (String) m.get("level")).containsExactly("COMMUNE", "PROVINCE");
        assertThat(r.field("now.parent.fullName").toEntity(String.class)).isEqualTo("Xã Ngự Thiên");
        assertThat(r.field("nguThien.children.nodes").toEntityList(Map.class)).extracting(m -> (String) m.get("code"))
                .contains("12622.01").allSatisfy(code -> assertThat(code).contains("."));
    }

    @Test
    void children_are_paged_with_relay_cursors() {
        String query = """
                query($after: String) { unit(code: "33") { children(first: 40, after: $after) {
                  totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { code } } } } }""";
        ClientGraphQlResponse first = graphql(query, Map.of());
        assertThat(first.field("unit.children.totalCount").toEntity(Integer.class)).isEqualTo(104);
        assertThat(first.field("unit.children.pageInfo.hasNextPage").toEntity(Boolean.class)).isTrue();
        String end = first.field("unit.children.pageInfo.endCursor").toEntity(String.class);
        ClientGraphQlResponse second = graphql(query, Map.of("after", end));
        ClientGraphQlResponse third = graphql(query, Map.of("after", second.field("unit.children.pageInfo.endCursor").toEntity(String.class)));
        List<String> codes = new java.util.ArrayList<>();
        for (ClientGraphQlResponse page : List.of(first, second, third)) {
            page.field("unit.children.edges").toEntityList(Map.class).forEach(e -> codes.add((String) ((Map<?, ?>) e.get("node")).get("code")));
        }
        assertThat(codes).hasSize(104).doesNotHaveDuplicates().isSorted();
        assertThat(second.field("unit.children.pageInfo.hasPreviousPage").toEntity(Boolean.class)).isTrue();
        assertThat(third.field("unit.children.pageInfo.hasNextPage").toEntity(Boolean.class)).isFalse();
    }

    @Test
    void hierarchy_changes_under_thai_binh_on_1_november_2024() {
        ClientGraphQlResponse r = graphql("""
                { hierarchyChanges(under: "34", from: "2024-11-01", to: "2024-11-30") { totalCount nodes {
                    id eventId type effectiveDate share legalBasis from { code fullName asOf } to { code fullName asOf } } } }""");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("hierarchyChanges.totalCount").toEntity(Integer.class)).isEqualTo(28);
        List<Map> changes = r.field("hierarchyChanges.nodes").toEntityList(Map.class);
        assertThat(changes).hasSize(28).allSatisfy(c -> assertThat(c.get("effectiveDate")).isEqualTo("2024-11-01"));
        assertThat(changes).anySatisfy(c -> {
            assertThat(((Map<?, ?>) c.get("from")).get("fullName")).isEqualTo("Xã Quỳnh Bảo");
            assertThat(((Map<?, ?>) c.get("from")).get("asOf")).isEqualTo("2024-10-31");
            assertThat(((Map<?, ?>) c.get("to")).get("fullName")).isEqualTo("Xã Trang Bảo Xá");
            assertThat(c.get("type")).isEqualTo("MERGED");
        });
        // Hưng Yên's changes of 2025-01-01 are not under Thái Bình.
        ClientGraphQlResponse hungYen = graphql("{ hierarchyChanges(under: \"34\", from: \"2025-01-01\", to: \"2025-01-01\") { nodes { id } } }");
        assertThat(hungYen.field("hierarchyChanges.nodes").toEntityList(Map.class)).isEmpty();
        // Paged like every list: the second page of ten starts where the first ended.
        ClientGraphQlResponse first = graphql("{ hierarchyChanges(under: \"34\", from: \"2024-11-01\", to: \"2024-11-30\", first: 10) { nodes { id } pageInfo { endCursor hasNextPage } } }");
        String cursor = first.field("hierarchyChanges.pageInfo.endCursor").toEntity(String.class);
        ClientGraphQlResponse second = graphql("query($after: String) { hierarchyChanges(under: \"34\", from: \"2024-11-01\", to: \"2024-11-30\", first: 10, after: $after) { nodes { id } } }",
                Map.of("after", cursor));
        assertThat(first.field("hierarchyChanges.pageInfo.hasNextPage").toEntity(Boolean.class)).isTrue();
        assertThat(second.field("hierarchyChanges.nodes").toEntityList(Map.class)).extracting(c -> c.get("id"))
                .isEqualTo(changes.subList(10, 20).stream().map(c -> c.get("id")).toList());
    }

    @Test
    void node_finds_a_unit_by_its_global_id() {
        String id = graphql("{ unit(code: \"12595\") { id } }").field("unit.id").toEntity(String.class);
        ClientGraphQlResponse r = graphql("query($id: ID!) { node(id: $id) { id ... on AdministrativeUnit { fullName } } }", Map.of("id", id));
        assertThat(r.field("node.fullName").toEntity(String.class)).isEqualTo("Xã Ngự Thiên");
    }

    @Test
    void bad_input_gets_a_clear_coded_error_and_no_internals() {
        assertError(graphql("{ units(asOf: \"2024-02-30\") { totalCount } }"), "GRAPHQL_VALIDATION_FAILED", "is not a date");
        assertError(graphql("query($d: Date) { units(asOf: $d) { totalCount } }", Map.of("d", "yesterday")), "GRAPHQL_VALIDATION_FAILED", "is not a date");
        assertError(graphql("{ units(first: -1) { totalCount } }"), "BAD_USER_INPUT", "first must be 0 or more");
        assertError(graphql("{ units(first: 100000) { totalCount } }"), "BAD_USER_INPUT", "first must be at most 500");
        assertError(graphql("{ units(after: \"not-a-cursor\") { totalCount } }"), "BAD_USER_INPUT", "not a cursor");
        assertError(graphql("{ units(under: \"34\") { totalCount } }"), "BAD_USER_INPUT", "no unit has code 34 on");
        assertError(graphql("{ hierarchyChanges(from: \"2025-01-01\", to: \"2024-01-01\") { totalCount } }"), "BAD_USER_INPUT", "is before from");
        assertError(graphql("{ units(first: \"ten\") { totalCount } }"), "GRAPHQL_VALIDATION_FAILED", "first");
        assertError(graphql("{ units { totalCount "), "GRAPHQL_PARSE_FAILED", "");
        ResponseError negative = graphql("{ units(first: -1) { totalCount } }").getErrors().get(0);
        assertThat(negative.getExtensions()).containsEntry("field", "first").containsEntry("reason", "NEGATIVE");
    }

    @Test
    void a_nul_character_in_any_text_argument_is_bad_input_naming_the_argument() {
        ClientGraphQlResponse search = graphql("query($s: String) { units(search: $s) { totalCount } }", Map.of("s", "Tân\u0000Hòa"));
        assertError(search, "BAD_USER_INPUT", "NUL character");
        assertThat(search.getErrors().get(0).getExtensions()).containsEntry("field", "search").containsEntry("reason", "NUL_CHARACTER");
        ClientGraphQlResponse literal = graphql("{ unit(code: \"125\\u000095\") { code } }");
        assertError(literal, "BAD_USER_INPUT", "NUL character");
        assertThat(literal.getErrors().get(0).getExtensions()).containsEntry("field", "code");
        // Nested in an input object, at any depth: the path names it.
        ClientGraphQlResponse nested = graphql("""
                mutation($v: String!) { recordAdoption(input: { idempotencyKey: "nul-check-0001", citizenId: "034074000001",
                  village: "12595.01", service: "vneid", stage: "LEVEL_1_ACTIVATED", occurredOn: "2025-03-02",
                  attributes: [{ name: "verificationPlace", value: $v }] }) { userErrors { code } } }""", Map.of("v", "x\u0000"));
        assertError(nested, "BAD_USER_INPUT", "NUL character");
        assertThat(nested.getErrors().get(0).getExtensions()).containsEntry("field", "input.attributes[0].value");
    }

    private static void assertError(ClientGraphQlResponse response, String code, String message) {
        assertThat(response.getErrors()).hasSize(1);
        ResponseError error = response.getErrors().get(0);
        assertThat(error.getExtensions()).containsEntry("code", code);
        assertThat(error.getMessage()).contains(message).doesNotContain("Exception", "select ", "admin_unit", "\tat ");
    }
}
