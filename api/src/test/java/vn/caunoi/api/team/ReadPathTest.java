package vn.caunoi.api.team;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import vn.caunoi.api.ApiTest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a read costs in statements, whoever asks: the scope is joined inside the statements that read
 * the data (no check per row, no extra statement per association), and a list is counted only when
 * the query selects {@code totalCount}.
 */
class ReadPathTest extends ApiTest {

    private static final String TEAMS_WITH_MEMBERS = """
            query($under: String!) { teams(under: $under, asOf: "2024-12-03", first: 100) { nodes {
              name memberships { role member { fullName } } } } }""";

    private String create(String subject, String role, String unit) {
        ClientGraphQlResponse r = graphql("""
                mutation($s: String!, $role: Role!, $scope: [String!]) {
                  createUser(input: { subject: $s, displayName: "Người thử", role: $role, scope: $scope, asOf: "2024-12-03" }) {
                    user { id } userErrors { field code } } }""", Map.of("s", subject, "role", role, "scope", List.of(unit)));
        assertThat(r.field("createUser.userErrors").toEntityList(Map.class)).isEmpty();
        return subject;
    }

    /** Statements core ran for one request, and how many teams and memberships it answered. */
    private long[] cost(HttpSyncGraphQlClient who, String under) {
        who.document(TEAMS_WITH_MEMBERS).variable("under", under).executeSync(); // the user is read once, then remembered
        long before = caunoi.statementsExecuted();
        long membersBefore = caunoi.statementsExecuted("membersByIds");
        ClientGraphQlResponse r = who.document(TEAMS_WITH_MEMBERS).variable("under", under).executeSync();
        long statements = caunoi.statementsExecuted() - before;
        assertThat(caunoi.statementsExecuted("membersByIds")).as("members are read with their memberships").isEqualTo(membersBefore);
        assertThat(r.getErrors()).isEmpty();
        List<Map> teams = r.field("teams.nodes").toEntityList(Map.class);
        long memberships = teams.stream().mapToLong(t -> ((List<?>) t.get("memberships")).size()).sum();
        assertThat(teams).allSatisfy(t -> assertThat((List<Map<String, Map<String, Object>>>) t.get("memberships"))
                .allSatisfy(m -> assertThat(m.get("member")).as("every member in scope is named").isNotNull()));
        return new long[]{statements, teams.size(), memberships};
    }

    @Test
    void a_page_of_100_teams_with_memberships_and_members_costs_the_same_statements_whatever_the_scope() {
        HttpSyncGraphQlClient province = as(create("read-path-province", "PROVINCE_ADMIN", "34"));
        HttpSyncGraphQlClient commune = as(create("read-path-commune", "COMMUNE_OFFICER", "12622"));

        long[] national = cost(client, "34");
        long[] ofTheProvince = cost(province, "34");
        long[] ofACommune = cost(commune, "12622");

        org.slf4j.LoggerFactory.getLogger(getClass()).info("statements for teams with members, national {}, province {}, commune {}",
                national[0], ofTheProvince[0], ofACommune[0]);
        assertThat(national[1]).isEqualTo(100);
        assertThat(ofTheProvince[1]).isEqualTo(100);
        assertThat(ofTheProvince[2]).as("the province's memberships").isEqualTo(national[2]).isGreaterThan(500);
        assertThat(ofACommune[1]).isBetween(1L, 99L);
        // The unit by its code, the page, the memberships with their members; a user with a scope has
        // one more: that "under" lies in it. Neither the page's size nor the scope's adds any.
        assertThat(ofTheProvince[0]).isEqualTo(ofACommune[0]).isEqualTo(national[0] + 1).isLessThanOrEqualTo(4);
    }

    @Test
    void a_list_is_counted_only_when_the_query_selects_total_count() {
        long before = caunoi.statementsExecuted("countTeams");
        assertThat(graphql("{ teams(under: \"34\", asOf: \"2024-12-03\", first: 5) { nodes { name } pageInfo { hasNextPage } } }")
                .field("teams.pageInfo.hasNextPage").toEntity(Boolean.class)).as("known without counting").isTrue();
        assertThat(caunoi.statementsExecuted("countTeams")).isEqualTo(before);

        ClientGraphQlResponse counted = graphql("{ teams(under: \"34\", asOf: \"2024-12-03\", first: 5) { totalCount nodes { name } } }");
        assertThat(counted.field("teams.totalCount").toEntity(Integer.class)).isGreaterThan(100);
        assertThat(caunoi.statementsExecuted("countTeams")).isEqualTo(before + 1);

        long units = caunoi.statementsExecuted("countSearch");
        ClientGraphQlResponse last = graphql("{ units(level: PROVINCE, first: 50) { nodes { code } pageInfo { hasNextPage } } }");
        assertThat(last.field("units.pageInfo.hasNextPage").toEntity(Boolean.class)).as("the last page").isFalse();
        assertThat(caunoi.statementsExecuted("countSearch")).isEqualTo(units);
    }

    @Test
    void rates_read_the_change_and_the_targets_only_when_asked_and_answer_the_same() {
        String rates = "{ adoptionRates(under: \"33\", groupBy: COMMUNE, service: \"vneid\", period: \"2026-06\") { unit { code } adopters eligible rate %s } }";
        // The area's eligible population is computed once and kept (until population figures or the
        // map change): computed here first, so that both requests below find it.
        graphql(rates.formatted(""));
        long targetsBefore = caunoi.statementsExecuted("targetsOf");
        long allBefore = caunoi.statementsExecuted();
        List<Map> lean = graphql(rates.formatted("")).field("adoptionRates").toEntityList(Map.class);
        long targetsLean = caunoi.statementsExecuted("targetsOf") - targetsBefore;
        long allLean = caunoi.statementsExecuted() - allBefore;

        targetsBefore = caunoi.statementsExecuted("targetsOf");
        allBefore = caunoi.statementsExecuted();
        List<Map> full = graphql(rates.formatted("newAdopters target gapToTarget")).field("adoptionRates").toEntityList(Map.class);
        long targetsFull = caunoi.statementsExecuted("targetsOf") - targetsBefore;
        long allFull = caunoi.statementsExecuted() - allBefore;

        assertThat(lean).hasSize(full.size()).isNotEmpty();
        for (int i = 0; i < lean.size(); i++) {
            for (String figure : List.of("unit", "adopters", "eligible", "rate")) {
                assertThat(lean.get(i).get(figure)).as(figure).isEqualTo(full.get(i).get(figure));
            }
        }
        assertThat(full).anySatisfy(r -> assertThat(r.get("newAdopters")).isNotNull());
        assertThat(targetsLean).isZero();
        assertThat(targetsFull).isPositive();
        assertThat(allLean).isLessThan(allFull);
    }

    @Test
    void an_officer_of_a_merged_commune_sees_every_member_of_its_teams_today() {
        // the demo's commune officer works in a commune formed on 2025-07-01; most of its members
        // joined their teams in the communes it was formed from, before it existed
        HttpSyncGraphQlClient officer = as("commune-officer");
        String commune = officer.document("{ me { scope { code } } }").executeSync().field("me.scope[0].code").toEntity(String.class);
        ClientGraphQlResponse r = officer.document("query($c: String!) { teams(under: $c, first: 100) { nodes { memberships { member { id fullName } } } } }")
                .variable("c", commune).executeSync();
        assertThat(r.getErrors()).isEmpty();
        List<Map> teams = r.field("teams.nodes").toEntityList(Map.class);
        assertThat(teams).isNotEmpty().allSatisfy(t -> assertThat((List<Map<String, Object>>) t.get("memberships"))
                .allSatisfy(m -> assertThat(m.get("member")).isNotNull()));
    }
}
