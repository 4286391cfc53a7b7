package vn.caunoi.api.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.ApiTest;
import vn.caunoi.demo.DemoResidents;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query, mutation and subscription of the schema × every role × inside and outside the caller's scope,
 * with the expected outcome, over HTTP. The fields are read from the schema itself: a field added
 * without an entry here (and without an access rule) fails the build.
 *
 * <p>The callers are made for the test: a province administrator, a commune officer and a viewer
 * whose scope is Xã Ngự Thiên (12595), a team member of a village team there (scope: her village),
 * and the anonymous public. "Inside" is that village; "outside" a village of another commune.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends ApiTest {

    enum Caller { ADMIN, OFFICER, MEMBER, VIEWER, PUBLIC }

    /** What a call gives: data; nothing (null, an empty list); the public's view; refused input; refused access. */
    enum Outcome { OK, EMPTY, PUBLIC_VIEW, REFUSED, DENIED }

    /** An expectation: the outcome inside and outside the scope, for each caller. */
    record Rule(Map<Caller, Outcome> inside, Map<Caller, Outcome> outside) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger SEQ = new AtomicInteger();
    static final String DAY = "2026-07-01";

    final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    String villageIn;
    String villageOut;
    String teamIn;
    String teamOut;
    String memberIn;
    String memberOut;
    String citizenIn;
    String citizenOut;
    String jobId;

    // --- expectations, written out: who may do what, inside and outside her scope -----------------

    static Map<Caller, Outcome> all(Outcome o) {
        Map<Caller, Outcome> m = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) {
            m.put(c, o);
        }
        return m;
    }

    /** {@code allowed} get {@code yes}, the others DENIED. */
    static Map<Caller, Outcome> only(Outcome yes, Caller... allowed) {
        Map<Caller, Outcome> m = all(Outcome.DENIED);
        for (Caller c : allowed) {
            m.put(c, yes);
        }
        return m;
    }

    static Rule same(Map<Caller, Outcome> both) {
        return new Rule(both, both);
    }

    static final Caller[] SIGNED_IN = {Caller.ADMIN, Caller.OFFICER, Caller.MEMBER, Caller.VIEWER};
    static final Caller[] PERSON_LEVEL = {Caller.ADMIN, Caller.OFFICER, Caller.MEMBER};
    static final Caller[] MANAGERS = {Caller.ADMIN, Caller.OFFICER};

    static Rule scopedRead() {
        return new Rule(only(Outcome.OK, SIGNED_IN), only(Outcome.DENIED, SIGNED_IN));
    }

    static Rule scopedWrite(Caller... allowed) {
        return new Rule(only(Outcome.OK, allowed), only(Outcome.DENIED, allowed));
    }

    static final Map<String, Rule> EXPECTED = Map.ofEntries(
            Map.entry("Query.node", new Rule(only(Outcome.OK, SIGNED_IN), only(Outcome.EMPTY, SIGNED_IN))),
            Map.entry("Query.unit", same(all(Outcome.OK))),
            Map.entry("Query.units", same(all(Outcome.OK))),
            Map.entry("Query.hierarchyChanges", same(all(Outcome.OK))),
            Map.entry("Query.digitalServices", same(all(Outcome.OK))),
            Map.entry("Query.digitalService", same(all(Outcome.OK))),
            Map.entry("Query.population", same(all(Outcome.OK))),
            Map.entry("Query.adoptionTargets", same(all(Outcome.OK))),
            Map.entry("Query.me", same(all(Outcome.OK))),
            Map.entry("Query.adoptionRates", new Rule(withPublic(only(Outcome.OK, SIGNED_IN)), all(Outcome.PUBLIC_VIEW))),
            Map.entry("Query.adoptionTrend", new Rule(withPublic(only(Outcome.OK, SIGNED_IN)), all(Outcome.PUBLIC_VIEW))),
            Map.entry("Query.coverage", same(all(Outcome.OK))),
            Map.entry("Query.teams", scopedRead()),
            Map.entry("Query.team", new Rule(only(Outcome.OK, SIGNED_IN), only(Outcome.EMPTY, SIGNED_IN))),
            Map.entry("Query.members", scopedRead()),
            Map.entry("Query.supportActivities", scopedRead()),
            Map.entry("Query.trainings", scopedRead()),
            Map.entry("Query.campaigns", same(only(Outcome.OK, SIGNED_IN))),
            Map.entry("Query.feedback", scopedRead()),
            Map.entry("Query.teamScorecards", scopedRead()),
            Map.entry("Query.checkServiceRecord", same(only(Outcome.OK, PERSON_LEVEL))),
            Map.entry("Query.resident", new Rule(only(Outcome.OK, PERSON_LEVEL), only(Outcome.EMPTY, PERSON_LEVEL))),
            Map.entry("Query.importJob", same(withOfficer(only(Outcome.OK, Caller.ADMIN), Outcome.EMPTY))),
            Map.entry("Query.plugins", same(only(Outcome.OK, Caller.ADMIN))),
            Map.entry("Query.adoptionCountCheck", same(only(Outcome.OK, Caller.ADMIN))),
            Map.entry("Query.personDataAccessLog", same(only(Outcome.OK, Caller.ADMIN))),
            Map.entry("Query.users", same(only(Outcome.OK, Caller.ADMIN))),
            Map.entry("Mutation.createTeam", scopedWrite(MANAGERS)),
            Map.entry("Mutation.changeTeamStatus", scopedWrite(MANAGERS)),
            Map.entry("Mutation.addMember", scopedWrite(MANAGERS)),
            Map.entry("Mutation.addMembership", scopedWrite(MANAGERS)),
            Map.entry("Mutation.endMembership", scopedWrite(MANAGERS)),
            Map.entry("Mutation.createTraining", scopedWrite(MANAGERS)),
            Map.entry("Mutation.recordTrainingAttendance", scopedWrite(MANAGERS)),
            Map.entry("Mutation.createCampaign", scopedWrite(MANAGERS)),
            Map.entry("Mutation.changeFeedbackStatus", scopedWrite(MANAGERS)),
            Map.entry("Mutation.recordSupportActivity", scopedWrite(PERSON_LEVEL)),
            Map.entry("Mutation.recordFeedback", scopedWrite(PERSON_LEVEL)),
            Map.entry("Mutation.recordAdoption", scopedWrite(PERSON_LEVEL)),
            // An objection only ever removes a person's data: anywhere, for whoever records in the field.
            Map.entry("Mutation.recordObjection", same(only(Outcome.OK, PERSON_LEVEL))),
            Map.entry("Mutation.setAdoptionTarget", scopedWrite(Caller.ADMIN)),
            Map.entry("Mutation.createUser", new Rule(only(Outcome.OK, Caller.ADMIN), only(Outcome.REFUSED, Caller.ADMIN))),
            Map.entry("Mutation.updateUser", new Rule(only(Outcome.OK, Caller.ADMIN), only(Outcome.REFUSED, Caller.ADMIN))),
            // Subscriptions (over SSE): like the queries they follow; a job she may not see is refused by name.
            Map.entry("Subscription.importJobProgress", same(withOfficer(only(Outcome.OK, Caller.ADMIN), Outcome.REFUSED))),
            Map.entry("Subscription.adoptionRate", scopedRead()));

    static Map<Caller, Outcome> withPublic(Map<Caller, Outcome> m) {
        m.put(Caller.PUBLIC, Outcome.PUBLIC_VIEW);
        return m;
    }

    static Map<Caller, Outcome> withOfficer(Map<Caller, Outcome> m, Outcome o) {
        m.put(Caller.OFFICER, o);
        return m;
    }

    // --- the calls ------------------------------------------------------------------------------

    /** For each field, the document to send as a caller, inside (true) or outside (false) her scope. */
    final Map<String, BiFunction<Caller, Boolean, String>> calls = Map.ofEntries(
            Map.entry("Query.node", (c, in) -> "{ node(id: \"" + (in ? teamIn : teamOut) + "\") { id } }"),
            Map.entry("Query.unit", (c, in) -> "{ unit(code: \"" + village(in) + "\") { code } }"),
            Map.entry("Query.units", (c, in) -> "{ units(level: VILLAGE, under: \"" + (in ? "12595" : "12916") + "\") { totalCount } }"),
            Map.entry("Query.hierarchyChanges", (c, in) -> "{ hierarchyChanges(under: \"12595\", from: \"2025-07-01\", to: \"2025-07-01\") { nodes { type } } }"),
            Map.entry("Query.digitalServices", (c, in) -> "{ digitalServices { code } }"),
            Map.entry("Query.digitalService", (c, in) -> "{ digitalService(code: \"vneid\") { code } }"),
            Map.entry("Query.population", (c, in) -> "{ population(code: \"12595\", year: 2025) { persons } }"),
            Map.entry("Query.adoptionTargets", (c, in) -> "{ adoptionTargets(under: \"33\") { rate } }"),
            Map.entry("Query.me", (c, in) -> "{ me { role signedIn } }"),
            Map.entry("Query.adoptionRates", (c, in) -> "{ adoptionRates(under: \"" + village(in) + "\", groupBy: VILLAGE, service: \"vneid\","
                    + " period: \"2026\") { adopters suppressed } }"),
            Map.entry("Query.adoptionTrend", (c, in) -> "{ adoptionTrend(code: \"" + village(in) + "\", service: \"vneid\", from: \"2026-01-01\","
                    + " to: \"2026-03-31\", interval: MONTH) { adopters suppressed } }"),
            Map.entry("Query.coverage", (c, in) -> "{ coverage(code: \"" + village(in) + "\") { teams } }"),
            Map.entry("Query.teams", (c, in) -> "{ teams(under: \"" + village(in) + "\") { totalCount } }"),
            Map.entry("Query.team", (c, in) -> "{ team(id: \"" + (in ? teamIn : teamOut) + "\") { name } }"),
            Map.entry("Query.members", (c, in) -> "{ members(under: \"" + village(in) + "\") { totalCount } }"),
            Map.entry("Query.supportActivities", (c, in) -> "{ supportActivities(under: \"" + village(in) + "\") { totalCount } }"),
            Map.entry("Query.trainings", (c, in) -> "{ trainings(under: \"" + village(in) + "\") { totalCount } }"),
            Map.entry("Query.campaigns", (c, in) -> "{ campaigns { totalCount } }"),
            Map.entry("Query.feedback", (c, in) -> "{ feedback(under: \"" + village(in) + "\") { totalCount } }"),
            Map.entry("Query.teamScorecards", (c, in) -> "{ teamScorecards(under: \"" + village(in) + "\", period: \"2026-Q3\") { totalCount } }"),
            Map.entry("Query.checkServiceRecord", (c, in) -> "{ checkServiceRecord(service: \"vneid\", stage: \"LEVEL_2_ACTIVATED\") { code } }"),
            Map.entry("Query.resident", (c, in) -> "{ resident(citizenId: \"" + (in ? citizenIn : citizenOut) + "\") { maskedCitizenId } }"),
            Map.entry("Query.importJob", (c, in) -> "{ importJob(id: \"" + jobId + "\") { state } }"),
            Map.entry("Query.plugins", (c, in) -> "{ plugins { id } }"),
            Map.entry("Query.adoptionCountCheck", (c, in) -> "{ adoptionCountCheck { rowsCompared } }"),
            Map.entry("Query.personDataAccessLog", (c, in) -> "{ personDataAccessLog(first: 1) { totalCount } }"),
            Map.entry("Query.users", (c, in) -> "{ users { totalCount } }"),
            Map.entry("Mutation.createTeam", (c, in) -> "mutation { createTeam(input: { idempotencyKey: \"" + key() + "\", unit: \"" + village(in)
                    + "\", name: \"Tổ thử\", establishedOn: \"" + DAY + "\" }) { team { id } userErrors { code } } }"),
            Map.entry("Mutation.changeTeamStatus", (c, in) -> "mutation { changeTeamStatus(input: { team: \"" + newTeam(in)
                    + "\", status: SUSPENDED, effectiveOn: \"2026-08-01\" }) { team { id } userErrors { code } } }"),
            Map.entry("Mutation.addMember", (c, in) -> "mutation { addMember(input: { idempotencyKey: \"" + key() + "\", team: \"" + (in ? teamIn : teamOut)
                    + "\", fullName: \"Người thử\", affiliation: VOLUNTEER, from: \"" + DAY + "\" }) { member { id } userErrors { code } } }"),
            Map.entry("Mutation.addMembership", (c, in) -> "mutation { addMembership(input: { idempotencyKey: \"" + key() + "\", member: \""
                    + (in ? memberIn : memberOut) + "\", team: \"" + newTeam(in) + "\", from: \"" + DAY + "\" }) { membership { id } userErrors { code } } }"),
            Map.entry("Mutation.endMembership", (c, in) -> "mutation { endMembership(input: { membership: \"" + newMembership(in)
                    + "\", on: \"2026-09-01\" }) { membership { id } userErrors { code } } }"),
            Map.entry("Mutation.createTraining", (c, in) -> "mutation { createTraining(input: { idempotencyKey: \"" + key() + "\", title: \"Tập huấn thử\","
                    + " organiserKind: COMMUNE, organiserName: \"UBND xã\", mode: IN_PERSON, topics: [DIGITAL_SKILLS], heldOn: \"" + DAY
                    + "\", unit: \"" + village(in) + "\" }) { training { id } userErrors { code } } }"),
            Map.entry("Mutation.recordTrainingAttendance", (c, in) -> "mutation { recordTrainingAttendance(input: { training: \"" + newTraining(in)
                    + "\", members: [\"" + (in ? memberIn : memberOut) + "\"] }) { training { id } userErrors { code } } }"),
            Map.entry("Mutation.createCampaign", (c, in) -> "mutation { createCampaign(input: { idempotencyKey: \"" + key() + "\", name: \"Ngày chủ nhật số\","
                    + " startsOn: \"" + DAY + "\", endsOn: \"2026-07-31\", units: [\"" + village(in) + "\"] }) { campaign { id } userErrors { code } } }"),
            Map.entry("Mutation.changeFeedbackStatus", (c, in) -> "mutation { changeFeedbackStatus(input: { feedback: \"" + newFeedback(in)
                    + "\", status: FORWARDED, on: \"2026-07-02\" }) { feedback { id } userErrors { code } } }"),
            Map.entry("Mutation.recordSupportActivity", (c, in) -> "mutation { recordSupportActivity(input: { idempotencyKey: \"" + key() + "\", team: \""
                    + (in ? teamIn : teamOut) + "\", placeKind: VILLAGE, channel: DOOR_TO_DOOR, occurredOn: \"" + DAY
                    + "\", service: \"vneid\", stage: \"LEVEL_1_ACTIVATED\", people: 2 }) { activity { id } userErrors { code } } }"),
            Map.entry("Mutation.recordFeedback", (c, in) -> "mutation { recordFeedback(input: { idempotencyKey: \"" + key() + "\", unit: \"" + village(in)
                    + "\", topic: CONNECTIVITY, text: \"Sóng yếu\", receivedOn: \"" + DAY + "\" }) { feedback { id } userErrors { code } } }"),
            Map.entry("Mutation.recordAdoption", (c, in) -> "mutation { recordAdoption(input: { idempotencyKey: \"" + key() + "\", citizenId: \""
                    + citizen() + "\", village: \"" + village(in) + "\", service: \"vssid\", stage: \"INSTALLED\", occurredOn: \"" + DAY
                    + "\" }) { maskedCitizenId userErrors { code } } }"),
            Map.entry("Mutation.recordObjection", (c, in) -> "mutation { recordObjection(input: { citizenId: \"" + citizen()
                    + "\", objectedOn: \"" + DAY + "\" }) { erased userErrors { code } } }"),
            Map.entry("Mutation.setAdoptionTarget", (c, in) -> "mutation { setAdoptionTarget(input: { unit: \"" + village(in)
                    + "\", service: \"vneid\", dueOn: \"2026-12-31\", rate: 0.8 }) { target { id } userErrors { code } } }"),
            Map.entry("Mutation.createUser", (c, in) -> "mutation { createUser(input: { subject: \"m-new-" + SEQ.incrementAndGet()
                    + "\", displayName: \"Người dùng thử\", role: VIEWER, scope: [\"" + village(in) + "\"] }) { user { id } userErrors { code } } }"),
            Map.entry("Mutation.updateUser", (c, in) -> "mutation { updateUser(input: { user: \"" + (in ? userIn() : userOut())
                    + "\", displayName: \"Đổi tên\", role: VIEWER, scope: [\"" + village(in) + "\"] }) { user { id } userErrors { code } } }"),
            Map.entry("Subscription.importJobProgress", (c, in) -> "subscription { importJobProgress(id: \"" + jobId + "\") { state } }"),
            Map.entry("Subscription.adoptionRate", (c, in) -> "subscription { adoptionRate(code: \"" + village(in)
                    + "\", service: \"vneid\") { adopters suppressed } }"));

    String village(boolean in) {
        return in ? villageIn : villageOut;
    }

    static String key() {
        return "matrix-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
    }

    static String citizen() {
        return DemoResidents.citizenId(810_000 + SEQ.incrementAndGet(), 1985, false);
    }

    // --- set-up, as the administrator of the whole country -----------------------------------------

    JsonNode asAdmin(String document) {
        JsonNode r = send(token(ADMIN), document);
        assertThat(r.path("errors").isMissingNode() || r.path("errors").isEmpty()).as("set-up %s: %s", document, r).isTrue();
        return r.path("data");
    }

    String newTeam(boolean in) {
        return asAdmin("mutation { createTeam(input: { idempotencyKey: \"" + key() + "\", unit: \"" + village(in)
                + "\", name: \"Tổ thử\", establishedOn: \"" + DAY + "\" }) { team { id } } }").path("createTeam").path("team").path("id").asString();
    }

    String newMembership(boolean in) {
        return asAdmin("mutation { addMember(input: { idempotencyKey: \"" + key() + "\", team: \"" + newTeam(in)
                + "\", fullName: \"Người thử\", affiliation: VOLUNTEER, from: \"" + DAY + "\" }) { membership { id } } }")
                .path("addMember").path("membership").path("id").asString();
    }

    String newTraining(boolean in) {
        return asAdmin("mutation { createTraining(input: { idempotencyKey: \"" + key() + "\", title: \"Tập huấn\", organiserKind: COMMUNE,"
                + " organiserName: \"UBND xã\", mode: ONLINE, topics: [DIGITAL_SKILLS], heldOn: \"" + DAY + "\", unit: \"" + village(in)
                + "\" }) { training { id } } }").path("createTraining").path("training").path("id").asString();
    }

    String newFeedback(boolean in) {
        return asAdmin("mutation { recordFeedback(input: { idempotencyKey: \"" + key() + "\", unit: \"" + village(in)
                + "\", topic: DEVICES, text: \"Thiếu máy\", receivedOn: \"" + DAY + "\" }) { feedback { id } } }")
                .path("recordFeedback").path("feedback").path("id").asString();
    }

    String userIn() {
        return newUser(villageIn);
    }

    String userOut() {
        return newUser(villageOut);
    }

    String newUser(String scope) {
        return asAdmin("mutation { createUser(input: { subject: \"m-user-" + SEQ.incrementAndGet() + "\", displayName: \"Người dùng\", role: VIEWER,"
                + " scope: [\"" + scope + "\"] }) { user { id } } }").path("createUser").path("user").path("id").asString();
    }

    @BeforeAll
    void callers() {
        BASE.set(base());
        villageIn = asAdmin("{ units(level: VILLAGE, under: \"12595\", first: 1) { nodes { code } } }").path("units").path("nodes").get(0).path("code").asString();
        villageOut = asAdmin("{ units(level: VILLAGE, under: \"12916\", first: 1) { nodes { code } } }").path("units").path("nodes").get(0).path("code").asString();
        teamIn = newTeam(true);
        teamOut = newTeam(false);
        JsonNode m = asAdmin("mutation { addMember(input: { idempotencyKey: \"" + key() + "\", team: \"" + teamIn
                + "\", fullName: \"Thành viên trong\", affiliation: YOUTH_UNION, from: \"" + DAY + "\" }) { member { id } } }");
        memberIn = m.path("addMember").path("member").path("id").asString();
        memberOut = asAdmin("mutation { addMember(input: { idempotencyKey: \"" + key() + "\", team: \"" + teamOut
                + "\", fullName: \"Thành viên ngoài\", affiliation: YOUTH_UNION, from: \"" + DAY + "\" }) { member { id } } }")
                .path("addMember").path("member").path("id").asString();
        citizenIn = citizen();
        citizenOut = citizen();
        for (String[] r : new String[][]{{citizenIn, villageIn}, {citizenOut, villageOut}}) {
            asAdmin("mutation { recordAdoption(input: { idempotencyKey: \"" + key() + "\", citizenId: \"" + r[0] + "\", village: \"" + r[1]
                    + "\", service: \"vneid\", stage: \"LEVEL_1_ACTIVATED\", occurredOn: \"" + DAY + "\" }) { maskedCitizenId } }");
        }
        jobId = asAdmin("{ importJob(id: \"SW1wb3J0Sm9iOjE\") { id } }").path("importJob").path("id").asString();
        String[][] users = {{"m-admin", "PROVINCE_ADMIN", "12595", null}, {"m-officer", "COMMUNE_OFFICER", "12595", null},
                {"m-viewer", "VIEWER", "12595", null}, {"m-member", "TEAM_MEMBER", villageIn, memberIn}};
        for (String[] u : users) {
            asAdmin("mutation { createUser(input: { subject: \"" + u[0] + "\", displayName: \"" + u[0] + "\", role: " + u[1] + ", scope: [\"" + u[2] + "\"]"
                    + (u[3] == null ? "" : ", member: \"" + u[3] + "\"") + " }) { user { id } userErrors { code } } }");
        }
        tokens.put(Caller.ADMIN, token("m-admin"));
        tokens.put(Caller.OFFICER, token("m-officer"));
        tokens.put(Caller.VIEWER, token("m-viewer"));
        tokens.put(Caller.MEMBER, token("m-member"));
    }

    // --- the matrix -----------------------------------------------------------------------------

    /** The root fields, as the schema says (one question per root type: graphql-java refuses one asking twice). */
    Set<String> schemaFields() {
        Set<String> fields = new TreeSet<>();
        for (String root : List.of("queryType", "mutationType", "subscriptionType")) {
            JsonNode response = send(null, "{ __schema { " + root + " { name fields { name } } } }");
            JsonNode type = response.path("data").path("__schema").path(root);
            assertThat(type.isMissingNode()).as("introspection answered %s", response).isFalse();
            type.path("fields").forEach(f -> fields.add(type.path("name").asString() + "." + f.path("name").asString()));
        }
        return fields;
    }

    @Test
    void every_query_and_mutation_of_the_schema_has_an_expectation_a_call_and_an_access_rule() {
        Set<String> fields = schemaFields();
        assertThat(fields).hasSizeGreaterThan(40);
        assertThat(fields).as("fields of the schema without an expectation here").isSubsetOf(EXPECTED.keySet());
        assertThat(EXPECTED.keySet()).as("expectations of fields the schema no longer has").isSubsetOf(fields);
        assertThat(calls.keySet()).isEqualTo(EXPECTED.keySet());
        assertThat(AccessRules.RULES.keySet()).as("access rules of the server").containsAll(fields);
    }

    @TestFactory
    Stream<DynamicTest> every_field_by_every_caller_inside_and_outside_the_scope() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String field : new TreeSet<>(EXPECTED.keySet())) {
            for (Caller caller : Caller.values()) {
                for (boolean inside : new boolean[]{true, false}) {
                    Outcome expected = (inside ? EXPECTED.get(field).inside() : EXPECTED.get(field).outside()).get(caller);
                    tests.add(DynamicTest.dynamicTest(field + " by " + caller + (inside ? " inside" : " outside") + " → " + expected, () -> {
                        String document = calls.get(field).apply(caller, inside);
                        JsonNode response = field.startsWith("Subscription.") ? firstEvent(tokens.get(caller), document)
                                : send(tokens.get(caller), document);
                        assertThat(outcome(field, response)).as("%s%n%s", document, response).isEqualTo(expected);
                    }));
                }
            }
        }
        return tests.stream();
    }

    static Outcome outcome(String field, JsonNode response) {
        JsonNode errors = response.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            Set<String> codes = new TreeSet<>();
            errors.forEach(e -> codes.add(e.path("extensions").path("code").asString()));
            if (codes.contains("FORBIDDEN") || codes.contains("UNAUTHENTICATED")) {
                return Outcome.DENIED;
            }
            if (codes.equals(Set.of("BAD_USER_INPUT"))) {
                return Outcome.REFUSED;
            }
            throw new AssertionError("unexpected errors " + codes + ": " + response);
        }
        JsonNode data = response.path("data").path(field.substring(field.indexOf('.') + 1));
        if (data.isObject() && data.has("userErrors") && !data.path("userErrors").isEmpty()) {
            return Outcome.REFUSED;
        }
        if (data.toString().contains("\"suppressed\":true")) {
            return Outcome.PUBLIC_VIEW;
        }
        if (data.isNull() || data.isMissingNode() || (data.isArray() && data.isEmpty())
                || (data.isObject() && data.has("totalCount") && data.path("totalCount").asInt() == 0)) {
            return Outcome.EMPTY;
        }
        return Outcome.OK;
    }

    static JsonNode send(String token, String document) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(BASE.get() + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document))));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subscription's first event (GraphQL over SSE), read like an answer; the stream is then left. */
    static JsonNode firstEvent(String token, String document) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(BASE.get() + "/graphql"))
                    .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                    .timeout(java.time.Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document))));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> lines = r.body()) {
                String data = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow().substring(5).strip();
                return JSON.readTree(data);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final java.util.concurrent.atomic.AtomicReference<String> BASE = new java.util.concurrent.atomic.AtomicReference<>();


}
