package vn.caunoi.api.web;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.ApiTest;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the web apps learn before signing in, and the policy that keeps them on the server's own files. */
class AppConfigTest extends ApiTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(java.net.URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_demo_offers_one_demo_user_of_each_role_and_no_openid_issuer() throws Exception {
        HttpResponse<String> response = get("/app-config");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode config = JsonMapper.builder().build().readTree(response.body());
        assertThat(config.path("mode").asString()).isEqualTo("demo");
        assertThat(config.path("graphqlPath").asString()).isEqualTo("/graphql");
        assertThat(config.path("oidc").isNull()).isTrue();
        assertThat(config.path("publicMinimumCell").asInt()).isEqualTo(10);
        assertThat(config.path("today").asString()).isEqualTo(caunoi.today().toString());
        List<String> users = new ArrayList<>();
        config.path("demoUsers").forEach(u -> users.add(u.path("subject").asString() + "=" + u.path("role").asString()));
        assertThat(users).containsExactly("province-admin=PROVINCE_ADMIN", "commune-officer=COMMUNE_OFFICER",
                "team-member=TEAM_MEMBER", "viewer=VIEWER");
        config.path("demoUsers").forEach(u -> assertThat(u.path("displayName").asString()).isNotBlank());
    }

    @Test
    void the_shared_layer_is_served_with_a_policy_that_allows_only_the_server_and_graphiql_keeps_its_own_page() throws Exception {
        HttpResponse<String> module = get("/shared/client.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        String policy = module.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(get("/shared/vendor/oidc-client-ts/LICENSE").body()).contains("Apache License");
        assertThat(get("/graphiql/index.html").headers().firstValue("Content-Security-Policy")).as("GraphiQL starts from an inline script")
                .isEmpty();
    }
}
