package vn.caunoi.api.team;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import vn.caunoi.api.ApiTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A team member's own work (the field app's "this week" and "this month"), counted by the server. */
class RecordedWorkTest extends ApiTest {

    private static final String RECORDED = """
            { me { recorded(from: "2026-01-01", to: "2026-12-31") { adoptions residentsHelped byService { service { code } adoptions residentsHelped } } } }""";

    @Autowired
    DataSource dataSource;

    private long sql(String query, String subject) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(query)) {
            st.setString(1, subject);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String village(String subject) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                select v.code from app_user u join app_user_scope s on s.user_id = u.id join admin_unit v on v.id = s.unit_id
                where u.subject = ?""")) {
            st.setString(1, subject);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void a_team_member_sees_what_she_recorded_herself_and_another_user_sees_nothing() throws Exception {
        HttpSyncGraphQlClient member = as("team-member");
        String events = """
                select count(*) from adoption_event e join app_user u on u.member_id = e.member_id
                where u.subject = ? and e.kind = 'REACHED' and e.occurred_on between '2026-01-01' and '2026-12-31'""";
        long before = sql(events, "team-member");

        Map<String, Object> first = member.document(RECORDED).executeSync().field("me.recorded").toEntity(Map.class);
        assertThat(((Number) first.get("adoptions")).longValue()).isEqualTo(before);

        // when she records a resident helped to install VssID
        ClientGraphQlResponse recorded = member.document("""
                mutation($in: RecordAdoptionInput!) { recordAdoption(input: $in) { replayed userErrors { field code } } }""")
                .variable("in", Map.of("idempotencyKey", "recorded-work-1", "citizenId", "034190424242", "village", village("team-member"),
                        "service", "vssid", "stage", "INSTALLED", "occurredOn", "2026-11-30"))
                .executeSync();
        assertThat(recorded.field("recordAdoption.userErrors").toEntityList(Map.class)).isEmpty();

        // then her count has it, and the server's own count agrees
        Map<String, Object> after = member.document(RECORDED).executeSync().field("me.recorded").toEntity(Map.class);
        assertThat(((Number) after.get("adoptions")).longValue()).isEqualTo(before + 1).isEqualTo(sql(events, "team-member"));
        List<Map<String, Object>> byService = (List<Map<String, Object>>) after.get("byService");
        assertThat(byService).anySatisfy(s -> assertThat(((Map<?, ?>) s.get("service")).get("code")).isEqualTo("vssid"));
        assertThat(byService.stream().mapToLong(s -> ((Number) s.get("adoptions")).longValue()).sum()).isEqualTo(before + 1);

        // a user who is no team member has no work of her own to show
        Object none = graphql(RECORDED).field("me.recorded").getValue();
        assertThat(none).isNull();
        assertThat(graphql("{ me { recorded(from: \"2025-01-01\", to: \"2026-12-31\") { adoptions } } }").getErrors())
                .extracting(e -> e.getExtensions().get("code")).containsExactly("BAD_USER_INPUT");
    }
}
