package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import vn.caunoi.api.ApiTest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the public sees: aggregate indicators only, no cell from fewer than 10 people, and no
 * withheld cell that the parent and the other children would give away by subtraction.
 */
class PublicFiguresTest extends ApiTest {

    static final int MINIMUM = 10;

    static final String RATES = """
            query($under: String!, $level: UnitLevel!) {
              adoptionRates(under: $under, groupBy: $level, service: "vneid", period: "2025", hierarchyAsOf: "2026-01-01") {
                unit { code parent { code } } adopters newAdopters eligible rate adoptersToTarget gapToTarget rank suppressed } }""";

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> rates(HttpSyncGraphQlClient client, String under, String level) {
        ClientGraphQlResponse r = client.document(RATES).variables(Map.of("under", under, "level", level)).executeSync();
        assertThat(r.getErrors()).isEmpty();
        Map<String, Map<String, Object>> byCode = new HashMap<>();
        r.field("adoptionRates").toEntityList(Map.class).forEach(m -> byCode.put((String) ((Map<String, Object>) m.get("unit")).get("code"), m));
        return byCode;
    }

    static Long number(Map<String, Object> rate, String field) {
        Object v = rate.get(field);
        return v == null ? null : ((Number) v).longValue();
    }

    /** For the children of each shown parent: none withheld, or two or more holding together at least the minimum. */
    static void assertNoneRecoverable(Map<String, Map<String, Object>> parents, Map<String, Map<String, Object>> children,
                                      Map<String, Map<String, Object>> truth, String field) {
        for (Map.Entry<String, Map<String, Object>> p : parents.entrySet()) {
            if (number(p.getValue(), field) == null) {
                continue;
            }
            List<String> kids = children.keySet().stream().filter(c -> p.getKey().equals(parentOf(children.get(c)))).toList();
            List<String> hidden = kids.stream().filter(c -> number(children.get(c), field) == null).toList();
            if (hidden.isEmpty()) {
                continue;
            }
            long mass = hidden.stream().mapToLong(c -> number(truth.get(c), field) == null ? 0 : number(truth.get(c), field)).sum();
            assertThat(hidden.size()).as("withheld %s under %s: %s", field, p.getKey(), hidden).isGreaterThanOrEqualTo(2);
            assertThat(mass).as("withheld %s under %s hold at least the minimum together", field, p.getKey()).isGreaterThanOrEqualTo(MINIMUM);
        }
    }

    @SuppressWarnings("unchecked")
    static String parentOf(Map<String, Object> rate) {
        Map<String, Object> parent = (Map<String, Object>) ((Map<String, Object>) rate.get("unit")).get("parent");
        return parent == null ? null : (String) parent.get("code");
    }

    @Test
    void the_public_never_sees_a_cell_of_fewer_than_ten_people_nor_one_it_could_work_out() {
        HttpSyncGraphQlClient anonymous = anonymous();
        Map<String, Map<String, Object>> province = rates(anonymous, "33", "PROVINCE");
        Map<String, Map<String, Object>> communes = rates(anonymous, "33", "COMMUNE");
        Map<String, Map<String, Object>> villages = rates(anonymous, "33", "VILLAGE");
        Map<String, Map<String, Object>> trueCommunes = rates(client, "33", "COMMUNE");
        Map<String, Map<String, Object>> trueVillages = rates(client, "33", "VILLAGE");
        assertThat(villages).hasSizeGreaterThan(2000);
        long withheld = villages.values().stream().filter(v -> Boolean.TRUE.equals(v.get("suppressed"))).count();
        assertThat(withheld).as("the demo's villages have a few residents each: most are withheld").isGreaterThan(villages.size() / 2);
        for (Map<String, Map<String, Object>> level : List.of(province, communes, villages)) {
            for (Map<String, Object> r : level.values()) {
                for (String field : List.of("adopters", "eligible", "newAdopters")) {
                    Long v = number(r, field);
                    assertThat(v == null || v >= MINIMUM).as("%s of %s", field, r).isTrue();
                }
                if (number(r, "adopters") == null) {
                    assertThat(r.get("rate")).isNull();
                    assertThat(r.get("adoptersToTarget")).isNull();
                    assertThat(r.get("gapToTarget")).isNull();
                    assertThat(r.get("rank")).isNull();
                    assertThat(r.get("suppressed")).isEqualTo(true);
                }
            }
        }
        assertNoneRecoverable(province, communes, trueCommunes, "adopters");
        assertNoneRecoverable(communes, villages, trueVillages, "adopters");
        assertNoneRecoverable(province, communes, trueCommunes, "eligible");
        assertNoneRecoverable(communes, villages, trueVillages, "eligible");
        assertNoneRecoverable(province, communes, trueCommunes, "newAdopters");
        assertNoneRecoverable(communes, villages, trueVillages, "newAdopters");
        assertThat(communes.values().stream().filter(r -> number(r, "newAdopters") != null)).as("changes large enough are shown").isNotEmpty();
        // Shown figures are the true ones; asking for one commune gives the same cells as asking for the province.
        communes.forEach((code, r) -> {
            if (number(r, "adopters") != null) {
                assertThat(number(r, "adopters")).isEqualTo(number(trueCommunes.get(code), "adopters"));
            }
        });
        String someCommune = communes.keySet().iterator().next();
        Map<String, Map<String, Object>> alone = rates(anonymous, someCommune, "VILLAGE");
        alone.forEach((code, r) -> assertThat(r.get("adopters")).isEqualTo(villages.get(code).get("adopters")));
    }

    @Test
    void a_user_inside_her_scope_sees_every_figure() {
        Map<String, Map<String, Object>> villages = rates(as("commune-officer"), "12595", "VILLAGE");
        assertThat(villages).isNotEmpty().allSatisfy((code, r) -> {
            assertThat(r.get("suppressed")).isEqualTo(false);
            assertThat(r.get("adopters")).isNotNull();
        });
        Map<String, Map<String, Object>> elsewhere = rates(as("commune-officer"), "12916", "VILLAGE");
        assertThat(elsewhere.values()).as("outside her scope: the public's view").anyMatch(r -> Boolean.TRUE.equals(r.get("suppressed")));
    }
}
