package vn.caunoi.api.graphql.http;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.ApiTest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphQL over HTTP as the GraphQL-over-HTTP draft says: queries by GET and POST, mutations only by
 * POST, both media types with their status codes, public GET answers cacheable and signed-in ones
 * never, and documents sent by their hash.
 */
class GraphQlOverHttpTest extends ApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String SERVICES = "{ digitalServices { code } }";

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder get(Map<String, String> parameters) {
        StringBuilder url = new StringBuilder(base() + "/graphql?");
        parameters.forEach((k, v) -> url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return HttpRequest.newBuilder(URI.create(url.toString()));
    }

    HttpRequest.Builder post(Map<String, Object> body) throws Exception {
        return HttpRequest.newBuilder(URI.create(base() + "/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String code(HttpResponse<String> response) {
        return json(response).path("errors").path(0).path("extensions").path("code").asString();
    }

    @Test
    void a_query_by_get_answers_and_a_public_answer_is_cacheable_until_it_changes() throws Exception {
        HttpResponse<String> first = send(get(Map.of("query", SERVICES)));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(first).path("data").path("digitalServices")).hasSize(5);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = send(get(Map.of("query", SERVICES)).header("If-None-Match", etag));
        assertThat(again.statusCode()).as("unchanged: not modified").isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> other = send(get(Map.of("query", "{ digitalServices { code name } }")).header("If-None-Match", etag));
        assertThat(other.statusCode()).as("another answer has another tag").isEqualTo(200);

        // Variables and the operation name come as URL parameters, the variables as JSON.
        HttpResponse<String> withVariables = send(get(Map.of("query", "query One($code: String!) { digitalService(code: $code) { code } }",
                "variables", "{\"code\":\"vneid\"}", "operationName", "One")));
        assertThat(json(withVariables).path("data").path("digitalService").path("code").asString()).isEqualTo("vneid");
    }

    @Test
    void a_signed_in_answer_is_never_cacheable() throws Exception {
        HttpResponse<String> mine = send(get(Map.of("query", "{ me { role } }")).header("Authorization", "Bearer " + token(ADMIN)));
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json(mine).path("data").path("me").path("role").asString()).isEqualTo("PROVINCE_ADMIN");
        assertThat(mine.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(mine.headers().firstValue("ETag")).isEmpty();
        HttpResponse<String> failing = send(get(Map.of("query", "{ units(first: -1) { totalCount } }")));
        assertThat(code(failing)).isEqualTo("BAD_USER_INPUT");
        assertThat(failing.headers().firstValue("Cache-Control")).as("an answer with errors").hasValue("no-store");
    }

    @Test
    void a_mutation_by_get_is_refused_with_405_before_it_runs() throws Exception {
        String name = "Tổ qua GET " + System.nanoTime();
        HttpResponse<String> refused = send(get(Map.of("query", "mutation { createTeam(input: { idempotencyKey: \"get-" + System.nanoTime()
                + "\", unit: \"12595\", name: \"" + name + "\", establishedOn: \"2026-01-05\" }) { team { id } } }"))
                .header("Authorization", "Bearer " + token(ADMIN)));
        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(refused.headers().firstValue("Allow")).hasValue("POST");
        assertThat(code(refused)).isEqualTo("MUTATION_REQUIRES_POST");
        assertThat(graphql("{ teams(under: \"12595\", first: 500) { nodes { name } } }").field("teams.nodes").toEntityList(Map.class))
                .as("nothing was written").noneMatch(t -> name.equals(t.get("name")));
        // The operation named is the one that counts: a query next to a mutation in one document runs.
        HttpResponse<String> query = send(get(Map.of("query", "query Q { me { role } } mutation M { recordObjection(input: {citizenId: \"1\"}) { erased } }",
                "operationName", "Q")));
        assertThat(query.statusCode()).isEqualTo(200);
        HttpResponse<String> mutation = send(get(Map.of("query", "query Q { me { role } } mutation M { recordObjection(input: {citizenId: \"1\"}) { erased } }",
                "operationName", "M")));
        assertThat(mutation.statusCode()).isEqualTo(405);
    }

    @Test
    void graphql_response_json_answers_a_request_that_cannot_run_with_400_and_json_with_200() throws Exception {
        String invalid = "{ digitalServices { noSuchField } }";
        HttpResponse<String> modern = send(post(Map.of("query", invalid)).header("Accept", "application/graphql-response+json"));
        assertThat(modern.statusCode()).isEqualTo(400);
        assertThat(modern.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/graphql-response+json"));
        assertThat(code(modern)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        HttpResponse<String> legacy = send(post(Map.of("query", invalid)).header("Accept", "application/json"));
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(code(legacy)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        HttpResponse<String> unparsable = send(get(Map.of("query", "{ digitalServices { ")).header("Accept", "application/graphql-response+json"));
        assertThat(unparsable.statusCode()).isEqualTo(400);
        assertThat(code(unparsable)).isEqualTo("GRAPHQL_PARSE_FAILED");
        // A field error leaves data: 200 with either type.
        HttpResponse<String> partial = send(post(Map.of("query", "{ digitalServices { code } resident(citizenId: \"034185000001\") { maskedCitizenId } }"))
                .header("Accept", "application/graphql-response+json"));
        assertThat(partial.statusCode()).isEqualTo(200);
        assertThat(json(partial).path("data").path("digitalServices")).hasSize(5);
        HttpResponse<String> ok = send(post(Map.of("query", SERVICES)).header("Accept", "application/graphql-response+json, application/json;q=0.9"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/graphql-response+json"));
    }

    @Test
    void malformed_requests_are_refused_with_their_status_and_code() throws Exception {
        HttpResponse<String> notJson = send(HttpRequest.newBuilder(URI.create(base() + "/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": ")));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(code(notJson)).isEqualTo("BAD_REQUEST");
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base() + "/graphql")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(SERVICES)));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(code(form)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<String> noQuery = send(post(Map.of("variables", Map.of())));
        assertThat(noQuery.statusCode()).isEqualTo(400);
        HttpResponse<String> badVariables = send(get(Map.of("query", SERVICES, "variables", "[1, 2")));
        assertThat(badVariables.statusCode()).isEqualTo(400);
        assertThat(code(badVariables)).isEqualTo("BAD_REQUEST");
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(base() + "/graphql")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.statusCode()).isEqualTo(405);
        HttpResponse<String> subscription = send(post(Map.of("query", "subscription { importJobProgress(id: \"SW1wb3J0Sm9iOjE\") { state } }"))
                .header("Authorization", "Bearer " + token(ADMIN)));
        assertThat(code(subscription)).isEqualTo("SUBSCRIPTION_REQUIRES_SSE");
        assertThat(notJson.body() + form.body() + badVariables.body()).doesNotContain("Exception", "at org.", "at vn.");
    }

    @Test
    void a_document_sent_by_its_hash_runs_once_the_server_knows_it_and_an_unknown_hash_is_refused_with_its_code() throws Exception {
        String document = "query Services { digitalServices { code name } } # " + System.nanoTime();
        String hash = TrustedDocuments.sha256(document);
        Map<String, Object> persisted = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));

        HttpResponse<String> unknown = send(post(Map.of("extensions", persisted)));
        assertThat(code(unknown)).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(unknown.statusCode()).as("application/json: a GraphQL error, 200 as Apollo's clients expect").isEqualTo(200);
        HttpResponse<String> unknownModern = send(post(Map.of("extensions", persisted)).header("Accept", "application/graphql-response+json"));
        assertThat(unknownModern.statusCode()).isEqualTo(400);

        Map<String, Object> wrong = new LinkedHashMap<>(Map.of("query", "{ me { role } }", "extensions", persisted));
        assertThat(code(send(post(wrong)))).isEqualTo("PERSISTED_QUERY_HASH_MISMATCH");

        // Apollo's automatic persisted queries: the text with its hash once, then the hash alone.
        HttpResponse<String> registering = send(post(Map.of("query", document, "extensions", persisted)));
        assertThat(json(registering).path("data").path("digitalServices")).hasSize(5);
        HttpResponse<String> byHash = send(post(Map.of("extensions", persisted)));
        assertThat(json(byHash).path("data").path("digitalServices")).hasSize(5);
        HttpResponse<String> byDocumentId = send(post(Map.of("documentId", "sha256:" + hash)));
        assertThat(json(byDocumentId).path("data").path("digitalServices")).hasSize(5);
        HttpResponse<String> byGet = send(get(Map.of("documentId", "sha256:" + hash)));
        assertThat(byGet.statusCode()).isEqualTo(200);
        assertThat(byGet.headers().firstValue("ETag")).isPresent();
        assertThat(json(byGet).path("data").path("digitalServices")).hasSize(5);
    }
}
