package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.ApiTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests meant to knock the server over are refused quickly, each with a clear error and a
 * stable code, and the server keeps answering everyone else meanwhile.
 */
class HostileInputTest extends ApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, JsonNode body, long millis) {
        String code() {
            return body.path("errors").path(0).path("extensions").path("code").asString();
        }
    }

    Answer post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/graphql")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        long started = System.nanoTime();
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Answer(r.statusCode(), r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body()), millis);
    }

    Answer query(String document) throws Exception {
        return post(JSON.writeValueAsString(Map.of("query", document)), null);
    }

    static String deep(int levels) {
        StringBuilder q = new StringBuilder("{ units(first: 1) { nodes { ");
        for (int i = 0; i < levels; i++) {
            q.append("parent { ");
        }
        q.append("code");
        q.append(" }".repeat(levels));
        return q.append(" } } }").toString();
    }

    static String aliases(int n) {
        StringBuilder q = new StringBuilder("{ ");
        for (int i = 0; i < n; i++) {
            q.append('a').append(i).append(": me { role } ");
        }
        return q.append('}').toString();
    }

    @Test
    void hostile_requests_are_refused_quickly_with_a_code_while_the_server_keeps_serving_others() throws Exception {
        // Meanwhile an ordinary client keeps asking: every answer must come, and be right.
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger served = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> ordinary = pool.submit(() -> {
            while (!done.get()) {
                try {
                    Answer a = query("{ units(level: PROVINCE) { totalCount } }");
                    if (a.status() == 200 && a.body().path("data").path("units").path("totalCount").asInt() >= 1) {
                        served.incrementAndGet();
                    } else {
                        failures.add(a.body().toString());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        List<Answer> refused = new ArrayList<>();
        try {
            Answer tooDeep = query(deep(50));
            assertThat(tooDeep.code()).isEqualTo("QUERY_TOO_DEEP");
            refused.add(tooDeep);

            Answer manyAliases = query(aliases(10_000));
            assertThat(manyAliases.code()).as("10,000 aliases are more tokens than the parser reads").isEqualTo("GRAPHQL_PARSE_FAILED");
            refused.add(manyAliases);
            Answer someAliases = query(aliases(40));
            assertThat(someAliases.code()).isEqualTo("TOO_MANY_ALIASES");
            assertThat(someAliases.body().path("errors").path(0).path("message").asString()).contains("40 aliases", "at most 30");
            refused.add(someAliases);

            Answer big = post("{\"query\":\"{ me { role } }\",\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", null);
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.code()).isEqualTo("REQUEST_TOO_LARGE");
            refused.add(big);

            Answer tokens = query("{ me { role " + "a ".repeat(100_000) + "} }");
            assertThat(tokens.code()).isEqualTo("GRAPHQL_PARSE_FAILED");
            assertThat(tokens.body().toString()).doesNotContain("a a a a a a");
            refused.add(tokens);

            Answer cycle = query("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }");
            assertThat(cycle.code()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
            refused.add(cycle);

            Answer wide = query("{ units(first: 99999999) { totalCount } }");
            assertThat(wide.code()).isEqualTo("BAD_USER_INPUT");
            assertThat(wide.body().path("errors").path(0).path("extensions").path("field").asString()).isEqualTo("first");
            refused.add(wide);

            Answer wrongType = post("{\"query\":\"query($f: Int) { units(first: $f) { totalCount } }\",\"variables\":{\"f\":\"lots\"}}", null);
            assertThat(wrongType.code()).isIn("GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT");
            refused.add(wrongType);

            Answer fields = query("{ " + "units(first: 500) { nodes { code name kind level fullName validFrom validTo } } ".repeat(1) + "}");
            assertThat(fields.status()).isEqualTo(200);
        } finally {
            done.set(true);
            ordinary.get();
            pool.shutdown();
        }
        for (Answer a : refused) {
            assertThat(a.body().toString()).doesNotContain("Exception", "at vn.", "at org.", "select ", "SQL");
            assertThat(a.millis()).as("refused quickly: %s", a.body()).isLessThan(5_000);
        }
        assertThat(failures).isEmpty();
        assertThat(served.get()).as("ordinary requests answered meanwhile").isPositive();
    }

    @Test
    void a_document_that_passed_the_depth_limit_is_checked_again_when_its_variables_can_change_its_depth() throws Exception {
        String deepWhenAsked = "query Q($deep: Boolean!) { units(first: 1) { nodes { code ... @include(if: $deep) { "
                + "parent { ".repeat(50) + "code" + " }".repeat(50) + " } } } }";
        // A fixed document passes again and again (its verdict is remembered).
        for (int i = 0; i < 3; i++) {
            assertThat(query(deep(3)).body().path("errors").isMissingNode()).isTrue();
        }
        // The same conditional document: shallow, then deep with other variables.
        Answer shallow = post(JSON.writeValueAsString(Map.of("query", deepWhenAsked, "variables", Map.of("deep", false))), null);
        assertThat(shallow.body().path("errors").isMissingNode()).as(shallow.body().toString()).isTrue();
        Answer deep = post(JSON.writeValueAsString(Map.of("query", deepWhenAsked, "variables", Map.of("deep", true))), null);
        assertThat(deep.code()).isEqualTo("QUERY_TOO_DEEP");
    }

    @Test
    void forged_expired_and_unsigned_tokens_are_refused_with_401_and_a_code() throws Exception {
        String valid = token(ADMIN);
        assertThat(post("{\"query\":\"{ me { role } }\"}", valid).status()).isEqualTo(200);
        for (String bad : List.of(Tokens.forged(ADMIN), Tokens.expired(ADMIN), Tokens.unsigned(ADMIN), "not.a.jwt", valid.substring(0, valid.length() - 4) + "AAAA")) {
            Answer a = post("{\"query\":\"{ me { role } }\"}", bad);
            assertThat(a.status()).as(bad).isEqualTo(401);
            assertThat(a.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(a.body().toString()).doesNotContain(bad.substring(0, Math.min(20, bad.length())));
            assertThat(a.millis()).isLessThan(5_000);
        }
        // A header that is not a well-formed bearer token (read by BearerTokens): the same 401, never a 500.
        for (String malformed : List.of("a=b", "tok en", "=", "é" + valid)) {
            Answer a = post("{\"query\":\"{ me { role } }\"}", malformed);
            assertThat(a.status()).as(malformed).isEqualTo(401);
            assertThat(a.code()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(post("{\"query\":\"{ me { role } }\"}", Tokens.expired(ADMIN)).body().toString()).contains("expired");
        assertThat(post("{\"query\":\"{ me { role } }\"}", Tokens.unsigned(ADMIN)).body().toString()).contains("algorithm");
    }
}
