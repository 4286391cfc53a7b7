package vn.caunoi.api.team;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import vn.caunoi.api.ApiTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mutation over HTTP: its effect, its userErrors on bad input (writing nothing), and idempotency. */
class TeamMutationsTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    static String key() {
        return UUID.randomUUID().toString();
    }

    String createTeam(String key, String unit, String name) {
        ClientGraphQlResponse r = graphql("""
                mutation($input: CreateTeamInput!) { createTeam(input: $input) {
                  team { id name level status unit { code } } replayed userErrors { field code message } } }""",
                Map.of("input", Map.of("idempotencyKey", key, "unit", unit, "name", name, "establishedOn", "2025-08-01")));
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("createTeam.userErrors").toEntityList(Map.class)).isEmpty();
        return r.field("createTeam.team.id").toEntity(String.class);
    }

    List<Map> userErrors(ClientGraphQlResponse r, String mutation) {
        assertThat(r.getErrors()).isEmpty();
        return r.field(mutation + ".userErrors").toEntityList(Map.class);
    }

    long count(String table) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String snapshot() {
        return List.of("team", "team_status", "member", "membership", "support_activity", "training", "training_attendance",
                "campaign", "feedback", "idempotency_key").stream().map(t -> t + "=" + count(t)).toList().toString();
    }

    @Test
    void create_a_team_and_retry_it() {
        String key = key();
        String id = createTeam(key, "12595", "Tổ công nghệ số thôn thử nghiệm");
        ClientGraphQlResponse again = graphql("""
                mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } replayed userErrors { field code } } }""",
                Map.of("input", Map.of("idempotencyKey", key, "unit", "12595", "name", "Tổ công nghệ số thôn thử nghiệm", "establishedOn", "2025-08-01")));
        assertThat(again.field("createTeam.team.id").toEntity(String.class)).isEqualTo(id);
        assertThat(again.field("createTeam.replayed").toEntity(Boolean.class)).isTrue();

        String before = snapshot();
        ClientGraphQlResponse other = graphql("""
                mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } replayed userErrors { field code message } } }""",
                Map.of("input", Map.of("idempotencyKey", key, "unit", "12595", "name", "Another name", "establishedOn", "2025-08-01")));
        assertThat(userErrors(other, "createTeam")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("idempotencyKey:KEY_REUSED");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bad_input_to_create_team_names_each_field_and_writes_nothing() {
        String before = snapshot();
        ClientGraphQlResponse r = graphql("""
                mutation { createTeam(input: { idempotencyKey: "short", unit: "99999", name: "", establishedOn: "2025-08-01" }) {
                  team { id } userErrors { field code message } } }""");
        assertThat(userErrors(r, "createTeam")).extracting(e -> e.get("field") + ":" + e.get("code"))
                .containsExactlyInAnyOrder("idempotencyKey:INVALID", "name:REQUIRED", "unit:UNKNOWN_UNIT");
        ClientGraphQlResponse province = graphql("""
                mutation { createTeam(input: { idempotencyKey: "key-province-team", unit: "33", name: "X", establishedOn: "2025-08-01" }) {
                  userErrors { field code } } }""");
        assertThat(userErrors(province, "createTeam")).extracting(e -> e.get("code")).containsExactly("NOT_COMMUNE_OR_VILLAGE");
        ClientGraphQlResponse tooLong = graphql("mutation($n: String!) { createTeam(input: { idempotencyKey: \"key-long-name\", unit: \"12595\", name: $n, establishedOn: \"2025-08-01\" }) { userErrors { field code } } }",
                Map.of("n", "x".repeat(201)));
        assertThat(userErrors(tooLong, "createTeam")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("name:TOO_LONG");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void members_join_teams_and_one_person_may_be_in_a_commune_team_and_a_village_team() {
        String communeTeam = createTeam(key(), "12595", "Tổ CNSCĐ xã (thử)");
        String villageTeam = createTeam(key(), "12622.01", "Tổ CNSCĐ thôn (thử)");
        ClientGraphQlResponse added = graphql("""
                mutation($input: AddMemberInput!) { addMember(input: $input) {
                  member { id fullName phone affiliation } membership { id role validFrom team { name } } replayed userErrors { field code } } }""",
                Map.of("input", Map.of("idempotencyKey", key(), "team", communeTeam, "fullName", "Nguyễn Thị Lan", "affiliation", "WOMENS_UNION",
                        "phone", "0912 345 678", "role", "LEADER", "from", "2025-08-01")));
        assertThat(userErrors(added, "addMember")).isEmpty();
        assertThat(added.field("addMember.member.phone").toEntity(String.class)).isEqualTo("•••••••678");
        String member = added.field("addMember.member.id").toEntity(String.class);

        String membershipQuery = """
                mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id role team { name } } userErrors { field code message } } }""";
        ClientGraphQlResponse second = graphql(membershipQuery, Map.of("input", Map.of("idempotencyKey", key(), "member", member, "team", villageTeam, "from", "2025-09-01")));
        assertThat(userErrors(second, "addMembership")).isEmpty();
        assertThat(second.field("addMembership.membership.team.name").toEntity(String.class)).isEqualTo("Tổ CNSCĐ thôn (thử)");

        String before = snapshot();
        ClientGraphQlResponse twice = graphql(membershipQuery, Map.of("input", Map.of("idempotencyKey", key(), "member", member, "team", communeTeam, "from", "2025-10-01")));
        assertThat(userErrors(twice, "addMembership")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("team:ALREADY_MEMBER");
        ClientGraphQlResponse early = graphql(membershipQuery, Map.of("input", Map.of("idempotencyKey", key(), "member", member, "team", villageTeam, "from", "2020-01-01")));
        assertThat(userErrors(early, "addMembership")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("from:BEFORE_ESTABLISHED");
        ClientGraphQlResponse badPhone = graphql("""
                mutation($input: AddMemberInput!) { addMember(input: $input) { userErrors { field code } } }""",
                Map.of("input", Map.of("idempotencyKey", key(), "team", communeTeam, "fullName", "Trần Văn Nam", "affiliation", "POLICE",
                        "phone", "12345", "from", "2025-08-01")));
        assertThat(userErrors(badPhone, "addMember")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("phone:NOT_A_PHONE_NUMBER");
        ClientGraphQlResponse badId = graphql(membershipQuery, Map.of("input", Map.of("idempotencyKey", key(), "member", communeTeam, "team", villageTeam, "from", "2025-09-01")));
        assertThat(userErrors(badId, "addMembership")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("member:BAD_ID");
        assertThat(snapshot()).isEqualTo(before);

        ClientGraphQlResponse person = graphql("query($id: ID!) { node(id: $id) { ... on Member { memberships { role team { name } } } } }", Map.of("id", member));
        assertThat(person.field("node.memberships").toEntityList(Map.class)).hasSize(2);

        String membership = added.field("addMember.membership.id").toEntity(String.class);
        ClientGraphQlResponse ended = graphql("mutation($m: ID!) { endMembership(input: { membership: $m, on: \"2025-12-31\" }) { membership { validTo } userErrors { code } } }",
                Map.of("m", membership));
        assertThat(ended.field("endMembership.membership.validTo").toEntity(String.class)).isEqualTo("2025-12-31");
        ClientGraphQlResponse endTooEarly = graphql("mutation($m: ID!) { endMembership(input: { membership: $m, on: \"2025-01-01\" }) { userErrors { field code } } }",
                Map.of("m", membership));
        assertThat(userErrors(endTooEarly, "endMembership")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("on:BEFORE_START");
    }

    @Test
    void a_team_is_suspended_then_dissolved_and_its_status_has_a_history() {
        String team = createTeam(key(), "12595", "Tổ sẽ giải thể");
        graphql("mutation($t: ID!) { changeTeamStatus(input: { team: $t, status: SUSPENDED, effectiveOn: \"2025-09-01\", reason: \"thiếu người\" }) { userErrors { code } } }",
                Map.of("t", team));
        ClientGraphQlResponse dissolved = graphql("mutation($t: ID!) { changeTeamStatus(input: { team: $t, status: DISSOLVED, effectiveOn: \"2025-10-01\" }) { team { status dissolvedOn } userErrors { code } } }",
                Map.of("t", team));
        assertThat(dissolved.field("changeTeamStatus.team.dissolvedOn").toEntity(String.class)).isEqualTo("2025-10-01");
        String q = "query($t: ID!, $d: Date) { team(id: $t, asOf: $d) { status } }";
        assertThat(graphql(q, Map.of("t", team, "d", "2025-08-15")).field("team.status").toEntity(String.class)).isEqualTo("ACTIVE");
        assertThat(graphql(q, Map.of("t", team, "d", "2025-09-15")).field("team.status").toEntity(String.class)).isEqualTo("SUSPENDED");
        assertThat(graphql(q, Map.of("t", team, "d", "2025-10-15")).field("team.status").toEntity(String.class)).isEqualTo("DISSOLVED");
        ClientGraphQlResponse again = graphql("mutation($t: ID!) { changeTeamStatus(input: { team: $t, status: ACTIVE, effectiveOn: \"2025-11-01\" }) { userErrors { field code } } }",
                Map.of("t", team));
        assertThat(userErrors(again, "changeTeamStatus")).extracting(e -> e.get("code")).containsExactly("DISSOLVED");
    }

    @Test
    void a_tally_of_support_is_recorded_once_even_when_sent_ten_times_at_once() throws Exception {
        String team = createTeam(key(), "12595", "Tổ hỗ trợ nhà máy");
        String key = key();
        String marker = "tally " + key;
        Map<String, Object> input = Map.of("idempotencyKey", key, "team", team, "placeKind", "WORKPLACE", "placeName", "Nhà máy may X",
                "channel", "WORKPLACE", "occurredOn", "2025-08-10", "service", "vneid", "stage", "LEVEL_2_ACTIVATED", "people", 37, "note", marker);
        String mutation = """
                mutation($input: RecordSupportActivityInput!) { recordSupportActivity(input: $input) {
                  activity { id people placeName service { code } stage { code order } team { name } } replayed userErrors { field code } } }""";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<ClientGraphQlResponse>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(pool.submit((Callable<ClientGraphQlResponse>) () -> graphql(mutation, Map.of("input", input))));
        }
        List<String> ids = new ArrayList<>();
        int replays = 0;
        for (Future<ClientGraphQlResponse> f : sent) {
            ClientGraphQlResponse r = f.get();
            assertThat(userErrors(r, "recordSupportActivity")).isEmpty();
            ids.add(r.field("recordSupportActivity.activity.id").toEntity(String.class));
            replays += r.field("recordSupportActivity.replayed").toEntity(Boolean.class) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ids).hasSize(10).containsOnly(ids.get(0));
        assertThat(replays).isEqualTo(9);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), sum(people) from support_activity where note = '" + marker + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(37);
        }
    }

    @Test
    void bad_support_activities_name_the_field_and_write_nothing() {
        String team = createTeam(key(), "12595", "Tổ kiểm tra đầu vào");
        String before = snapshot();
        String mutation = "mutation($input: RecordSupportActivityInput!) { recordSupportActivity(input: $input) { activity { id } userErrors { field code message } } }";
        Map<String, Object> base = Map.of("team", team, "placeKind", "VILLAGE", "channel", "DOOR_TO_DOOR", "occurredOn", "2025-08-10");
        record Case(Map<String, Object> extra, String expected) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("service", "vneid", "stage", "LEVEL_2_ACTIVATED", "people", 0), "people:TOO_FEW"),
                new Case(Map.of("service", "zalo", "stage", "INSTALLED"), "service:UNKNOWN_SERVICE"),
                new Case(Map.of("service", "vneid", "stage", "LEVEL_3"), "stage:UNKNOWN_STAGE"),
                new Case(Map.of("service", "vneid", "stage", "LEVEL_1_ACTIVATED", "unit", "99999"), "unit:UNKNOWN_UNIT"),
                new Case(Map.of("service", "vneid", "stage", "LEVEL_1_ACTIVATED", "note", "n".repeat(1001)), "note:TOO_LONG"),
                new Case(Map.of("service", "vneid", "stage", "LEVEL_1_ACTIVATED", "occurredOn", "2025-01-01"), "occurredOn:TEAM_NOT_ACTIVE"));
        for (Case c : cases) {
            Map<String, Object> input = new java.util.HashMap<>(base);
            input.put("idempotencyKey", key());
            input.putAll(c.extra());
            assertThat(userErrors(graphql(mutation, Map.of("input", input)), "recordSupportActivity"))
                    .extracting(e -> e.get("field") + ":" + e.get("code")).as(c.expected()).containsExactly(c.expected());
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void trainings_campaigns_and_feedback() {
        String team = createTeam(key(), "12595", "Tổ tập huấn");
        String member = graphql("mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }",
                Map.of("input", Map.of("idempotencyKey", key(), "team", team, "fullName", "Lê Văn Hùng", "affiliation", "YOUTH_UNION", "from", "2025-08-01")))
                .field("addMember.member.id").toEntity(String.class);

        ClientGraphQlResponse training = graphql("""
                mutation($input: CreateTrainingInput!) { createTraining(input: $input) {
                  training { id title topics attendeeCount attendees { fullName } unit { code } } userErrors { field code } } }""",
                Map.of("input", Map.of("idempotencyKey", key(), "title", "An toàn thông tin khi dùng VNeID", "organiserKind", "PROVINCIAL_DEPARTMENT",
                        "organiserName", "Sở Khoa học và Công nghệ", "mode", "IN_PERSON", "topics", List.of("INFORMATION_SECURITY", "ESSENTIAL_PUBLIC_SERVICES"),
                        "heldOn", "2025-08-20", "unit", "33", "attendees", List.of(member))));
        assertThat(userErrors(training, "createTraining")).isEmpty();
        assertThat(training.field("createTraining.training.attendeeCount").toEntity(Integer.class)).isEqualTo(1);
        ClientGraphQlResponse noTopics = graphql("""
                mutation { createTraining(input: { idempotencyKey: "training-without-topics", title: "x", organiserKind: COMMUNE, organiserName: "UBND xã",
                  mode: ONLINE, topics: [], heldOn: "2025-08-20", unit: "33" }) { userErrors { field code } } }""");
        assertThat(userErrors(noTopics, "createTraining")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("topics:REQUIRED");

        ClientGraphQlResponse campaign = graphql("""
                mutation { createCampaign(input: { idempotencyKey: "campaign-digital-sunday-2025-test", name: "Ngày chủ nhật số 2025",
                  startsOn: "2025-08-03", endsOn: "2025-12-28", units: ["33"] }) { campaign { id name units { code } } userErrors { field code } } }""");
        assertThat(userErrors(campaign, "createCampaign")).isEmpty();
        String campaignId = campaign.field("createCampaign.campaign.id").toEntity(String.class);
        ClientGraphQlResponse backwards = graphql("""
                mutation { createCampaign(input: { idempotencyKey: "campaign-backwards-test", name: "x", startsOn: "2025-08-03", endsOn: "2025-08-01", units: ["33"] }) {
                  userErrors { field code } } }""");
        assertThat(userErrors(backwards, "createCampaign")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("endsOn:BEFORE_STARTS_ON");

        String record = "mutation($input: RecordSupportActivityInput!) { recordSupportActivity(input: $input) { activity { campaign { name } } userErrors { field code } } }";
        ClientGraphQlResponse sunday = graphql(record, Map.of("input", Map.of("idempotencyKey", key(), "team", team, "member", member, "placeKind", "COMMUNE_HALL",
                "channel", "EVENT", "occurredOn", "2025-08-10", "service", "epayment", "stage", "ACCOUNT_OPENED", "people", 52, "campaign", campaignId)));
        assertThat(sunday.field("recordSupportActivity.activity.campaign.name").toEntity(String.class)).isEqualTo("Ngày chủ nhật số 2025");
        ClientGraphQlResponse outside = graphql(record, Map.of("input", Map.of("idempotencyKey", key(), "team", team, "placeKind", "COMMUNE_HALL",
                "channel", "EVENT", "occurredOn", "2026-02-01", "service", "epayment", "stage", "ACCOUNT_OPENED", "people", 5, "campaign", campaignId)));
        assertThat(userErrors(outside, "recordSupportActivity")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("occurredOn:OUTSIDE_CAMPAIGN");
        ClientGraphQlResponse listed = graphql("query($c: ID) { supportActivities(under: \"12595\", campaign: $c) { totalCount totalPeople nodes { people member { fullName } } } }",
                Map.of("c", campaignId));
        assertThat(listed.field("supportActivities.totalCount").toEntity(Integer.class)).isEqualTo(1);
        assertThat(listed.field("supportActivities.totalPeople").toEntity(Integer.class)).isEqualTo(52);

        ClientGraphQlResponse feedback = graphql("""
                mutation($t: ID) { recordFeedback(input: { idempotencyKey: "feedback-test-0001", team: $t, unit: "12595", topic: CONNECTIVITY,
                  text: "Sóng yếu ở xóm Đông", receivedOn: "2025-08-11" }) { feedback { id status team { name } unit { code } } userErrors { field code } } }""",
                Map.of("t", team));
        String feedbackId = feedback.field("recordFeedback.feedback.id").toEntity(String.class);
        assertThat(feedback.field("recordFeedback.feedback.status").toEntity(String.class)).isEqualTo("OPEN");
        String change = "mutation($f: ID!, $s: FeedbackStatus!, $on: Date!) { changeFeedbackStatus(input: { feedback: $f, status: $s, on: $on }) { feedback { status statusOn } userErrors { field code } } }";
        assertThat(graphql(change, Map.of("f", feedbackId, "s", "ANSWERED", "on", "2025-08-20")).field("changeFeedbackStatus.feedback.status").toEntity(String.class))
                .isEqualTo("ANSWERED");
        assertThat(userErrors(graphql(change, Map.of("f", feedbackId, "s", "FORWARDED", "on", "2025-08-21")), "changeFeedbackStatus"))
                .extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("status:BACKWARDS");
        ClientGraphQlResponse tooLong = graphql("mutation($t: String!) { recordFeedback(input: { idempotencyKey: \"feedback-too-long\", unit: \"12595\", topic: OTHER, text: $t, receivedOn: \"2025-08-11\" }) { userErrors { field code } } }",
                Map.of("t", "x".repeat(2001)));
        assertThat(userErrors(tooLong, "recordFeedback")).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("text:TOO_LONG");
        ClientGraphQlResponse answered = graphql("{ feedback(under: \"33\", status: ANSWERED, from: \"2025-08-01\") { totalCount nodes { text } } }");
        assertThat(answered.field("feedback.nodes").toEntityList(Map.class)).extracting(n -> (String) n.get("text")).contains("Sóng yếu ở xóm Đông");
    }

    @Test
    void trainings_and_campaigns_are_listed_and_attendance_is_added_once() {
        String team = createTeam(key(), "12595", "Tổ điểm danh");
        String a = graphql("mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }",
                Map.of("input", Map.of("idempotencyKey", key(), "team", team, "fullName", "Đinh Văn An", "affiliation", "TEACHER", "from", "2025-08-01")))
                .field("addMember.member.id").toEntity(String.class);
        String b = graphql("mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }",
                Map.of("input", Map.of("idempotencyKey", key(), "team", team, "fullName", "Tạ Thị Bình", "affiliation", "HEALTH_WORKER", "from", "2025-08-01")))
                .field("addMember.member.id").toEntity(String.class);
        String training = graphql("""
                mutation($input: CreateTrainingInput!) { createTraining(input: $input) { training { id } userErrors { code } } }""",
                Map.of("input", Map.of("idempotencyKey", key(), "title", "Kỹ năng số cơ bản", "organiserKind", "TELECOM_ENTERPRISE",
                        "organiserName", "VNPT Hưng Yên", "mode", "ONLINE", "topics", List.of("DIGITAL_SKILLS"), "heldOn", "2025-09-05",
                        "unit", "12595", "attendees", List.of(a))))
                .field("createTraining.training.id").toEntity(String.class);
        String attend = "mutation($t: ID!, $m: [ID!]!) { recordTrainingAttendance(input: { training: $t, members: $m }) { training { attendeeCount attendees { fullName } } userErrors { field code } } }";
        ClientGraphQlResponse both = graphql(attend, Map.of("t", training, "m", List.of(a, b)));
        assertThat(both.field("recordTrainingAttendance.training.attendeeCount").toEntity(Integer.class)).isEqualTo(2);
        assertThat(graphql(attend, Map.of("t", training, "m", List.of(b))).field("recordTrainingAttendance.training.attendeeCount").toEntity(Integer.class))
                .as("attending twice counts once").isEqualTo(2);
        assertThat(userErrors(graphql(attend, Map.of("t", training, "m", List.of(team))), "recordTrainingAttendance"))
                .extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("members:BAD_ID");

        ClientGraphQlResponse trainings = graphql("""
                { trainings(under: "12595", from: "2025-09-01", to: "2025-09-30") { totalCount nodes { title organiserName mode topics heldOn unit { code } attendeeCount } } }""");
        assertThat(trainings.getErrors()).isEmpty();
        assertThat(trainings.field("trainings.nodes").toEntityList(Map.class)).anySatisfy(t -> {
            assertThat(t.get("title")).isEqualTo("Kỹ năng số cơ bản");
            assertThat(t.get("attendeeCount")).isEqualTo(2);
        });
        ClientGraphQlResponse demoTrainings = graphql("{ trainings(under: \"34\", asOf: \"2024-12-03\") { totalCount nodes { attendeeCount } } }");
        assertThat(demoTrainings.field("trainings.totalCount").toEntity(Integer.class)).isPositive();
        ClientGraphQlResponse member = graphql("query($id: ID!) { node(id: $id) { ... on Member { trainings { title } } } }", Map.of("id", b));
        assertThat(member.field("node.trainings").toEntityList(Map.class)).extracting(t -> (String) t.get("title")).containsExactly("Kỹ năng số cơ bản");

        ClientGraphQlResponse campaigns = graphql("{ campaigns(activeOn: \"2024-08-04\") { totalCount nodes { name startsOn endsOn units { code } } } }");
        assertThat(campaigns.getErrors()).isEmpty();
        assertThat(campaigns.field("campaigns.nodes").toEntityList(Map.class)).anySatisfy(c -> {
            assertThat(c.get("name")).isEqualTo("Ngày chủ nhật số 2024");
            assertThat((List<Map>) c.get("units")).extracting(u -> (String) u.get("code")).contains("34");
        });
        ClientGraphQlResponse sundays = graphql("""
                { campaigns(activeOn: "2024-08-04") { nodes { id } } }""");
        String sunday = (String) sundays.field("campaigns.nodes").toEntityList(Map.class).get(0).get("id");
        ClientGraphQlResponse underCampaign = graphql("query($c: ID) { supportActivities(under: \"34\", asOf: \"2024-12-03\", campaign: $c, first: 3) { totalCount totalPeople nodes { channel occurredOn } } }",
                Map.of("c", sunday));
        assertThat(underCampaign.field("supportActivities.totalCount").toEntity(Integer.class)).isPositive();
        assertThat(underCampaign.field("supportActivities.nodes").toEntityList(Map.class))
                .allSatisfy(n -> assertThat(java.time.LocalDate.parse((String) n.get("occurredOn")).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY));
    }

    @Test
    void a_village_members_own_trainings_leave_out_those_held_outside_her_scope() {
        String team = createTeam(key(), "12595.01", "Tổ thôn tập huấn");
        String member = graphql("mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }",
                Map.of("input", Map.of("idempotencyKey", key(), "team", team, "fullName", "Lê Thị Hoa", "affiliation", "TEACHER", "from", "2025-08-01")))
                .field("addMember.member.id").toEntity(String.class);
        graphql("mutation($input: CreateTrainingInput!) { createTraining(input: $input) { training { id } } }",
                Map.of("input", Map.of("idempotencyKey", key(), "title", "Tập huấn cấp xã", "organiserKind", "COMMUNE",
                        "organiserName", "UBND xã", "mode", "IN_PERSON", "topics", List.of("DIGITAL_SKILLS"), "heldOn", "2025-09-05",
                        "unit", "12595", "attendees", List.of(member))));
        graphql("mutation($input: CreateTrainingInput!) { createTraining(input: $input) { training { id } } }",
                Map.of("input", Map.of("idempotencyKey", key(), "title", "Tập huấn tại thôn", "organiserKind", "COMMUNE",
                        "organiserName", "UBND xã", "mode", "IN_PERSON", "topics", List.of("DIGITAL_SKILLS"), "heldOn", "2025-09-06",
                        "unit", "12595.01", "attendees", List.of(member))));
        String subject = "village-member-" + key();
        ClientGraphQlResponse user = graphql("""
                mutation($s: String!, $m: ID!) { createUser(input: { subject: $s, displayName: "Thành viên thôn", role: TEAM_MEMBER,
                  member: $m, scope: ["12595.01"] }) { userErrors { code } } }""", Map.of("s", subject, "m", member));
        assertThat(user.field("createUser.userErrors").toEntityList(Map.class)).isEmpty();

        ClientGraphQlResponse own = as(subject).document("{ me { member { trainings { title } } } }").executeSync();
        assertThat(own.getErrors()).isEmpty();
        assertThat(own.field("me.member.trainings").toEntityList(Map.class)).extracting(t -> (String) t.get("title"))
                .containsExactly("Tập huấn tại thôn");
    }

    @Test
    void no_phone_number_is_stored_in_clear() throws SQLException {
        graphql("mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }",
                Map.of("input", Map.of("idempotencyKey", key(), "team", createTeam(key(), "12595", "Tổ điện thoại"), "fullName", "Phạm Thị Mai",
                        "affiliation", "HEALTH_WORKER", "phone", "0987654321", "from", "2025-08-01")));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from member m where m::text like '%0987654321%' or encode(phone_cipher, 'escape') like '%0987654321%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from member where phone_masked = '•••••••321'")) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
    }
}
