package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import vn.caunoi.api.ApiTest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scopes are units (identities, not codes) read from the database on every request: a transfer
 * takes effect on the next request with the same token; an officer whose commune merged keeps
 * her old commune's history and gets the new commune only when assigned; a deactivated user is
 * refused at once.
 */
class ScopesAndUsersTest extends ApiTest {

    String create(String subject, String role, List<String> scope, String scopeAsOf) {
        ClientGraphQlResponse r = graphql("""
                mutation($s: String!, $role: Role!, $scope: [String!], $on: Date) {
                  createUser(input: { subject: $s, displayName: "Cán bộ thử", role: $role, scope: $scope, asOf: $on }) {
                    user { id role scope { code } } userErrors { field code } } }""",
                Map.of("s", subject, "role", role, "scope", scope, "on", scopeAsOf));
        assertThat(r.field("createUser.userErrors").toEntityList(Map.class)).isEmpty();
        return r.field("createUser.user.id").toEntity(String.class);
    }

    static String code(ClientGraphQlResponse r) {
        return r.getErrors().isEmpty() ? "OK" : String.valueOf(r.getErrors().get(0).getExtensions().get("code"));
    }

    @Test
    void the_public_is_who_does_not_sign_in() {
        HttpSyncGraphQlClient anonymous = anonymous();
        ClientGraphQlResponse me = anonymous.document("{ me { signedIn role subject } }").executeSync();
        assertThat(me.field("me.signedIn").toEntity(Boolean.class)).isFalse();
        assertThat(me.field("me.role").toEntity(String.class)).isEqualTo("PUBLIC");
        assertThat(code(anonymous.document("{ teams(under: \"33\") { totalCount } }").executeSync())).isEqualTo("UNAUTHENTICATED");
        assertThat(code(anonymous.document("{ units(level: PROVINCE) { totalCount } }").executeSync())).as("the map is public").isEqualTo("OK");
    }

    @Test
    void a_transfer_takes_effect_on_the_next_request_with_the_same_token() {
        String id = create("transferred-officer", "COMMUNE_OFFICER", List.of("12595"), "2026-01-01");
        HttpSyncGraphQlClient officer = as("transferred-officer");
        assertThat(code(officer.document("{ teams(under: \"12595\") { totalCount } }").executeSync())).isEqualTo("OK");
        assertThat(code(officer.document("{ teams(under: \"12916\") { totalCount } }").executeSync())).isEqualTo("FORBIDDEN");
        ClientGraphQlResponse moved = graphql("""
                mutation($id: ID!) { updateUser(input: { user: $id, displayName: "Cán bộ thử", role: COMMUNE_OFFICER, scope: ["12916"] }) {
                  user { scope { code } } userErrors { code } } }""", Map.of("id", id));
        assertThat(moved.field("updateUser.user.scope").toEntityList(Map.class)).extracting(u -> u.get("code")).containsExactly("12916");
        assertThat(code(officer.document("{ teams(under: \"12595\") { totalCount } }").executeSync())).isEqualTo("FORBIDDEN");
        assertThat(code(officer.document("{ teams(under: \"12916\") { totalCount } }").executeSync())).isEqualTo("OK");
        assertThat(officer.document("{ me { role scope { code } } }").executeSync().field("me.scope").toEntityList(Map.class))
                .extracting(u -> u.get("code")).containsExactly("12916");
    }

    @Test
    void an_officer_of_a_merged_commune_keeps_its_history_and_gets_the_new_one_only_when_assigned() {
        String id = create("tan-hoa-officer", "COMMUNE_OFFICER", List.of("12622"), "2024-12-01");
        HttpSyncGraphQlClient officer = as("tan-hoa-officer");
        assertThat(code(officer.document("{ teams(under: \"12622\", asOf: \"2024-12-03\") { totalCount } }").executeSync()))
                .as("Xã Tân Hòa's history").isEqualTo("OK");
        assertThat(code(officer.document("{ supportActivities(under: \"12622\", asOf: \"2024-12-03\") { totalCount } }").executeSync()))
                .isEqualTo("OK");
        assertThat(code(officer.document("{ teams(under: \"12595\") { totalCount } }").executeSync()))
                .as("Xã Ngự Thiên, into which Tân Hòa merged, is not hers").isEqualTo("FORBIDDEN");
        assertThat(code(officer.document("{ teams(under: \"12595\", asOf: \"2024-12-03\") { totalCount } }").executeSync()))
                .as("nor the old 12595 of 2024, another commune with the code the merged one took").isEqualTo("FORBIDDEN");
        graphql("""
                mutation($id: ID!) { updateUser(input: { user: $id, displayName: "Cán bộ thử", role: COMMUNE_OFFICER, scope: ["12595"],
                  asOf: "2025-07-01" }) { userErrors { code } } }""", Map.of("id", id));
        assertThat(code(officer.document("{ teams(under: \"12595\") { totalCount } }").executeSync())).as("once assigned").isEqualTo("OK");
    }

    static final String RECORD = """
            mutation($in: RecordAdoptionInput!) { recordAdoption(input: $in) {
              status { stage } userErrors { field code message } } }""";

    static Map<String, Object> adoption(String key, String id, String village, String stage, String kind, String on) {
        return Map.of("in", Map.of("idempotencyKey", key, "citizenId", id, "village", village, "service", "vssid", "stage", stage,
                "kind", kind, "occurredOn", on));
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_officer_who_records_someone_from_elsewhere_sees_only_what_was_recorded_in_her_commune() {
        // Recorded in Thôn Bắc of another commune, then by Xã Ngự Thiên's officer in one of her villages.
        String id = vn.caunoi.demo.DemoResidents.citizenId(880_001, 1986, true);
        assertThat(graphql(RECORD, adoption("scope-move-1", id, "12865.05", "ACCOUNT_ACTIVATED", "REACHED", "2026-11-02"))
                .field("recordAdoption.status.stage").toEntity(String.class)).isEqualTo("ACCOUNT_ACTIVATED");
        HttpSyncGraphQlClient officer = as("commune-officer");
        ClientGraphQlResponse recorded = officer.document(RECORD)
                .variables(adoption("scope-move-2", id, "12601.01", "INSTALLED", "REACHED", "2026-11-20")).executeSync();
        assertThat(recorded.getErrors()).isEmpty();
        assertThat(recorded.field("recordAdoption.userErrors").toEntityList(Map.class)).isEmpty();
        Object status = recorded.field("recordAdoption.status").getValue();
        assertThat(status).as("the stage reached elsewhere is not hers").isNull();

        ClientGraphQlResponse seen = officer.document("""
                query($id: String!) { resident(citizenId: $id) { statuses { stage } history { stage occurredOn village { code } }
                  residences { village { code } } } }""").variables(Map.of("id", id)).executeSync();
        List<Map> history = seen.field("resident.history").toEntityList(Map.class);
        assertThat(history).extracting(e -> e.get("occurredOn")).containsExactly("2026-11-20");
        assertThat(seen.field("resident.statuses").toEntityList(Map.class)).isEmpty();
        assertThat(seen.field("resident.residences").toEntityList(Map.class)).extracting(r -> ((Map<String, Object>) r.get("village")).get("code"))
                .containsExactly("12601.01");
        assertThat(graphql("query($id: String!) { resident(citizenId: $id) { history { occurredOn } } }", Map.of("id", id))
                .field("resident.history").toEntityList(Map.class)).as("an administrator of both sees both").hasSize(2);

        ClientGraphQlResponse stepBack = officer.document(RECORD)
                .variables(adoption("scope-move-3", id, "12601.01", "INSTALLED", "STEP_BACK", "2026-11-21")).executeSync();
        List<Map> errors = stepBack.field("recordAdoption.userErrors").toEntityList(Map.class);
        assertThat(errors).extracting(e -> e.get("code")).containsExactly("NOTHING_TO_STEP_BACK_FROM");
        assertThat(String.valueOf(errors.get(0).get("message"))).doesNotContain("ACCOUNT_ACTIVATED");
    }

    @Test
    void a_scope_is_a_unit_not_a_code_prefix() {
        create("village-officer", "COMMUNE_OFFICER", List.of("12595.01"), "2026-01-01");
        HttpSyncGraphQlClient officer = as("village-officer");
        assertThat(code(officer.document("{ teams(under: \"12595.01\") { totalCount } }").executeSync())).isEqualTo("OK");
        assertThat(code(officer.document("{ teams(under: \"12595.02\") { totalCount } }").executeSync())).isEqualTo("FORBIDDEN");
        assertThat(code(officer.document("{ teams(under: \"12595\") { totalCount } }").executeSync()))
                .as("the commune above her village").isEqualTo("FORBIDDEN");
    }

    @Test
    void a_deactivated_user_is_refused_on_her_next_request() {
        String id = create("leaving-viewer", "VIEWER", List.of("33"), "2026-01-01");
        String token = token("leaving-viewer");
        HttpSyncGraphQlClient viewer = HttpSyncGraphQlClient.create(RestClient.builder().baseUrl(base() + "/graphql")
                .defaultHeader("Authorization", "Bearer " + token).build());
        assertThat(code(viewer.document("{ me { role } }").executeSync())).isEqualTo("OK");
        graphql("mutation($id: ID!) { updateUser(input: { user: $id, displayName: \"x\", role: VIEWER, scope: [\"33\"], active: false }) { userErrors { code } } }",
                Map.of("id", id));
        assertThatThrownBy(() -> viewer.document("{ me { role } }").executeSync())
                .isInstanceOfSatisfying(HttpClientErrorException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(401);
                    assertThat(e.getResponseBodyAsString()).contains("UNAUTHENTICATED", "no active user");
                });
        assertThatThrownBy(() -> RestClient.create(base()).post().uri("/dev/token?user=leaving-viewer").retrieve().body(String.class))
                .isInstanceOf(HttpClientErrorException.class).hasMessageContaining("UNKNOWN_USER");
    }

    @Test
    void only_administrators_manage_users_and_only_within_their_scope() {
        assertThat(code(as("commune-officer").document("{ users { totalCount } }").executeSync())).isEqualTo("FORBIDDEN");
        ClientGraphQlResponse outside = as("province-admin").document("""
                mutation { createUser(input: { subject: "too-far", displayName: "x", role: VIEWER, allUnits: true }) { userErrors { field code } } }""")
                .executeSync();
        assertThat(outside.field("createUser.userErrors").toEntityList(Map.class)).extracting(e -> e.get("code")).contains("OUTSIDE_SCOPE");
        ClientGraphQlResponse teamMember = as("province-admin").document("""
                mutation { createUser(input: { subject: "no-member", displayName: "x", role: TEAM_MEMBER, scope: ["12595"] }) { userErrors { field code } } }""")
                .executeSync();
        assertThat(teamMember.field("createUser.userErrors").toEntityList(Map.class)).extracting(e -> e.get("field")).contains("member");
        List<Map> managed = as("province-admin").document("{ users(first: 100) { nodes { subject } } }").executeSync()
                .field("users.nodes").toEntityList(Map.class);
        assertThat(managed).extracting(u -> u.get("subject")).contains("commune-officer", "viewer").doesNotContain(ADMIN);
    }
}
