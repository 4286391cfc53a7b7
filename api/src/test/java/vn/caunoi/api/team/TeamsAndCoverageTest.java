package vn.caunoi.api.team;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import vn.caunoi.api.ApiTest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Teams on the demo data: the article's figures for Thái Bình, teams through a merger, batched associations. */
class TeamsAndCoverageTest extends ApiTest {

    @Test
    void coverage_of_thai_binh_on_3_december_2024_reproduces_the_article() {
        ClientGraphQlResponse r = graphql("""
                { coverage(code: "34", asOf: "2024-12-03") {
                    unit { fullName } communes communesWithTeam villages villagesWithTeam teams communeTeams villageTeams members
                    averageMembersPerCommuneTeam averageMembersPerVillageTeam membersByAffiliation { affiliation count } } }""");
        assertThat(r.getErrors()).isEmpty();
        Map<String, Object> c = r.field("coverage").toEntity(Map.class);
        assertThat(c).containsEntry("teams", 1797).containsEntry("communeTeams", 260).containsEntry("villageTeams", 1537);
        assertThat(c.get("communesWithTeam")).isEqualTo(c.get("communes")).isEqualTo(242);
        assertThat((Integer) c.get("members")).isBetween(11_000, 13_000);
        assertThat((Double) c.get("averageMembersPerCommuneTeam")).isBetween(9.5, 11.5);
        assertThat((Double) c.get("averageMembersPerVillageTeam")).isBetween(5.0, 6.0);
        List<Map> byAffiliation = r.field("coverage.membersByAffiliation").toEntityList(Map.class);
        Set<Object> unionsAndLeaders = Set.of("COMMUNE_LEADERSHIP", "PARTY_CELL", "WOMENS_UNION", "YOUTH_UNION", "FARMERS_ASSOCIATION", "VETERANS_ASSOCIATION");
        long inUnionsOrLeadership = byAffiliation.stream().filter(a -> unionsAndLeaders.contains(a.get("affiliation")))
                .mapToLong(a -> ((Number) a.get("count")).longValue()).sum();
        long all = byAffiliation.stream().mapToLong(a -> ((Number) a.get("count")).longValue()).sum();
        assertThat((double) inUnionsOrLeadership / all).as("mostly commune leaders and union representatives").isGreaterThan(0.7);
        assertThat(graphql("{ coverage(code: \"12622\", asOf: \"2024-12-03\") { communes communesWithTeam villages teams } }")
                .field("coverage").toEntity(Map.class)).containsEntry("communes", 1).containsEntry("communesWithTeam", 1);
    }

    @Test
    void teams_of_communes_merged_on_1_july_2025_are_under_the_new_commune_afterwards_and_the_old_ones_before() {
        List<Map> predecessors = graphql("{ unit(code: \"12595\", asOf: \"2025-07-01\") { predecessors { unit { code } } } }")
                .field("unit.predecessors").toEntityList(Map.class);
        assertThat(predecessors).hasSizeGreaterThanOrEqualTo(2);
        Set<String> before = new HashSet<>();
        for (Map p : predecessors) {
            String code = (String) ((Map) p.get("unit")).get("code");
            before.addAll(teamIds(code, "2025-06-30"));
        }
        Set<String> after = teamIds("12595", "2025-07-01");
        assertThat(after).isNotEmpty().isEqualTo(before);
        ClientGraphQlResponse r = graphql("""
                { teams(under: "12595", asOf: "2025-07-01", level: COMMUNE) { nodes { name unit { code fullName } establishedIn { code fullName } } } }""");
        assertThat(r.field("teams.nodes").toEntityList(Map.class)).allSatisfy(t -> {
            assertThat(((Map) t.get("unit")).get("fullName")).isEqualTo("Xã Ngự Thiên");
            assertThat(((Map) t.get("establishedIn")).get("fullName")).as("an old commune's team").isNotEqualTo("Xã Ngự Thiên");
        }).anySatisfy(t -> assertThat(((Map) t.get("establishedIn")).get("fullName")).isEqualTo("Xã Tân Hòa"));
    }

    private Set<String> teamIds(String under, String asOf) {
        ClientGraphQlResponse r = graphql("query($u: String!, $d: Date) { teams(under: $u, asOf: $d, first: 500) { nodes { id } } }",
                Map.of("u", under, "d", asOf));
        assertThat(r.getErrors()).isEmpty();
        return r.field("teams.nodes").toEntityList(Map.class).stream().map(t -> (String) t.get("id")).collect(Collectors.toSet());
    }

    @Test
    void members_are_listed_with_masked_phones_and_their_memberships() {
        ClientGraphQlResponse r = graphql("""
                { members(under: "34", asOf: "2024-12-03", affiliation: POLICE, first: 100) {
                    totalCount nodes { fullName affiliation phone memberships { role validFrom team { name level } } } } }""");
        assertThat(r.getErrors()).isEmpty();
        List<Map> members = r.field("members.nodes").toEntityList(Map.class);
        assertThat(members).isNotEmpty().allSatisfy(m -> assertThat((String) m.get("phone")).matches("•{7}\\d{3}"));
        assertThat(members).anySatisfy(m -> assertThat((List<Map>) m.get("memberships")).extracting(ms -> ((Map) ms.get("team")).get("level"))
                .as("one person in a commune team and a village team").contains("COMMUNE", "VILLAGE"));
    }

    private static final String ACTIVITIES_WITH_TEAMS = """
            query($first: Int) { supportActivities(under: "12622", asOf: "2024-12-03", first: $first) { nodes {
              occurredOn people team { name status memberships { member { fullName } } } member { fullName }
              unit { code } service { code } stage { code } campaign { name } } } }""";

    @Test
    void a_page_of_activities_on_many_dates_costs_the_same_statements_whatever_its_size() {
        long before = caunoi.statementsExecuted();
        assertThat(graphql(ACTIVITIES_WITH_TEAMS, Map.of("first", 5)).getErrors()).isEmpty();
        long five = caunoi.statementsExecuted() - before;
        before = caunoi.statementsExecuted();
        ClientGraphQlResponse r = graphql(ACTIVITIES_WITH_TEAMS, Map.of("first", 60));
        assertThat(r.getErrors()).isEmpty();
        long many = caunoi.statementsExecuted() - before;
        List<Map> nodes = r.field("supportActivities.nodes").toEntityList(Map.class);
        assertThat(nodes).hasSize(60);
        assertThat(nodes.stream().map(n -> n.get("occurredOn")).distinct().count()).as("on many different dates").isGreaterThan(20);
        org.slf4j.LoggerFactory.getLogger(getClass()).info("SQL statements for 5 and 60 activities (on many dates) with teams: {}, {}", five, many);
        // One statement per association at most (an association with nothing to load costs none): the
        // page query, its total, team, memberships, member twice, unit, the catalogue twice, campaign.
        // 13, and one more for the user's role and scope, read on every request.
        assertThat(five).isLessThanOrEqualTo(14);
        assertThat(many).isLessThanOrEqualTo(14);
    }

    private static final String TEAMS_WITH_EVERYTHING = """
            query($first: Int) { teams(under: "34", asOf: "2024-12-03", first: $first) { nodes {
              name status unit { code parent { code } } establishedIn { code } memberCount
              memberships { role member { fullName memberships { team { name } } trainings { title } } } } } }""";

    @Test
    void a_page_of_teams_with_members_and_their_other_teams_costs_the_same_statements_whatever_its_size() {
        long before = caunoi.statementsExecuted();
        assertThat(graphql(TEAMS_WITH_EVERYTHING, Map.of("first", 5)).getErrors()).isEmpty();
        long five = caunoi.statementsExecuted() - before;
        before = caunoi.statementsExecuted();
        ClientGraphQlResponse r = graphql(TEAMS_WITH_EVERYTHING, Map.of("first", 100));
        assertThat(r.getErrors()).isEmpty();
        long hundred = caunoi.statementsExecuted() - before;
        assertThat(r.field("teams.nodes").toEntityList(Map.class)).hasSize(100);
        org.slf4j.LoggerFactory.getLogger(getClass()).info("SQL statements for 5 and 100 teams with members: {}, {}", five, hundred);
        assertThat(hundred).isEqualTo(five).isLessThanOrEqualTo(15);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_members_history_answers_each_membership_with_that_member_read_once_for_the_page() {
        long before = caunoi.statementsExecuted("membersByIds");
        ClientGraphQlResponse r = graphql("""
                { members(under: "34", asOf: "2024-12-03", first: 30) { nodes { id fullName
                  memberships { member { id fullName } team { name } } } } }""");
        assertThat(r.getErrors()).isEmpty();
        List<Map<String, Object>> nodes = r.field("members.nodes").toEntityList(Map.class).stream().map(m -> (Map<String, Object>) m).toList();
        assertThat(nodes).hasSize(30);
        int memberships = 0;
        for (Map<String, Object> node : nodes) {
            for (Map<String, Object> m : (List<Map<String, Object>>) node.get("memberships")) {
                Map<String, Object> member = (Map<String, Object>) m.get("member");
                assertThat(member).as("a membership of %s", node.get("fullName")).containsEntry("id", node.get("id"))
                        .containsEntry("fullName", node.get("fullName"));
                memberships++;
            }
        }
        assertThat(memberships).isGreaterThanOrEqualTo(30);
        // the history's memberships come without their members: those are read in one statement for the page
        assertThat(caunoi.statementsExecuted("membersByIds") - before).isEqualTo(1);
    }
}
