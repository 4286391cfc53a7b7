package vn.caunoi.api.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to the web app with an OpenID Connect issuer, as in production: the server jar with
 * the prod profile trusts the issuer, and the page goes through the authorization code flow with
 * PKCE (the vendored oidc-client-ts) in a real headless Chromium.
 *
 * <p>The issuer is a small one written here — discovery, authorization (it signs the user in at
 * once, as an identity provider does after its login page), token (it checks the PKCE verifier
 * against the challenge) and keys — because none can be downloaded on this network. It answers
 * only the requests a conforming client makes, so the test shows that the app makes them.
 */
class OidcSignInBrowserIT {

    private static final String CLIENT = "caunoi-web";
    private static final String SUBJECT = "oidc-admin";

    private static HttpServer issuer;
    private static String issuerUrl;
    private static RSAKey key;
    private static ServerProcess server;
    private static final Map<String, String[]> codes = new ConcurrentHashMap<>(); // code → challenge, redirect URI, nonce
    private static final List<String> log = new CopyOnWriteArrayList<>();
    /** Who the issuer signs in next (an identity provider's login page, answered at once). */
    private static volatile String signInAs = SUBJECT;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-issuer").generate();
        issuer = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        issuerUrl = "http://localhost:" + issuer.getAddress().getPort();
        issuer.createContext("/.well-known/openid-configuration", e -> json(e, "{\"issuer\":\"" + issuerUrl + "\","
                + "\"authorization_endpoint\":\"" + issuerUrl + "/authorize\",\"token_endpoint\":\"" + issuerUrl + "/token\","
                + "\"jwks_uri\":\"" + issuerUrl + "/keys\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"],\"scopes_supported\":[\"openid\",\"profile\"]}"));
        issuer.createContext("/keys", e -> json(e, new JWKSet(key.toPublicJWK()).toString()));
        issuer.createContext("/authorize", OidcSignInBrowserIT::authorize);
        issuer.createContext("/token", OidcSignInBrowserIT::token);
        issuer.start();

        Path data = Files.createTempDirectory(Path.of("target"), "it-data-");
        server = ServerProcess.start(Path.of("target", "caunoi-api.jar"), Path.of("target", "it-logs"),
                "--spring.profiles.active=prod", "--caunoi.data-dir=" + data, "--caunoi.security.issuer-uri=" + issuerUrl,
                "--caunoi.web.oidc-client-id=" + CLIENT, "--caunoi.security.bootstrap-admin=" + SUBJECT,
                // The demo's users and villages, so that a team member can sign in at the issuer and record.
                "--caunoi.demo-data=true");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    static Map<String, String> form(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return m;
        }
        for (String pair : text.split("&")) {
            int i = pair.indexOf('=');
            m.put(URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8),
                    i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    static void json(HttpExchange e, String body) throws IOException {
        send(e, 200, "application/json", body);
    }

    static void send(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // The page calls discovery and the token endpoint from the app's origin.
        e.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        e.getResponseHeaders().set("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    /** Signs the user in at once and sends her back with a code bound to the PKCE challenge. */
    static void authorize(HttpExchange e) throws IOException {
        Map<String, String> q = form(e.getRequestURI().getRawQuery());
        log.add("authorize " + q.keySet());
        if (!CLIENT.equals(q.get("client_id")) || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || q.get("state") == null) {
            send(e, 400, "text/plain", "not an authorization code request with PKCE");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new String[]{q.get("code_challenge"), q.get("redirect_uri"), q.get("nonce")});
        e.getResponseHeaders().set("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"),
                StandardCharsets.UTF_8));
        e.sendResponseHeaders(302, -1);
        e.close();
    }

    /** Exchanges a code for tokens once, and only with the verifier of its challenge. */
    static void token(HttpExchange e) throws IOException {
        if (e.getRequestMethod().equals("OPTIONS")) {
            e.getResponseHeaders().set("Access-Control-Allow-Headers", "content-type, authorization");
            send(e, 204, "text/plain", "");
            return;
        }
        Map<String, String> f = form(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        log.add("token " + f.keySet());
        String[] bound = codes.remove(String.valueOf(f.get("code")));
        try {
            String verifier = f.get("code_verifier");
            String challenge = verifier == null ? null : Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            if (bound == null || !"authorization_code".equals(f.get("grant_type")) || !bound[0].equals(challenge)
                    || !bound[1].equals(f.get("redirect_uri")) || !CLIENT.equals(f.get("client_id"))) {
                send(e, 400, "application/json", "{\"error\":\"invalid_grant\"}");
                return;
            }
            Date now = new Date();
            Date expires = new Date(now.getTime() + 3_600_000);
            String subject = signInAs;
            JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().issuer(issuerUrl).subject(subject).audience(CLIENT).issueTime(now)
                    .expirationTime(expires).claim("name", SUBJECT.equals(subject) ? "Quản trị OIDC" : "Thành viên OIDC");
            if (bound[2] != null) {
                id.claim("nonce", bound[2]);
            }
            String access = sign(new JWTClaimsSet.Builder().issuer(issuerUrl).subject(subject).issueTime(now).expirationTime(expires).build());
            json(e, "{\"access_token\":\"" + access + "\",\"id_token\":\"" + sign(id.build()) + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                    + "\"scope\":\"openid profile\"}");
        } catch (Exception ex) {
            send(e, 500, "application/json", "{\"error\":\"server_error\"}");
        }
    }

    static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void the_app_signs_in_at_the_issuer_with_the_code_flow_and_pkce_and_uses_the_token() {
        assertThat(server.get("/app-config")).contains("\"mode\":\"oidc\"", "\"clientId\":\"" + CLIENT + "\"",
                "\"authority\":\"" + issuerUrl + "\"", "\"demoUsers\":[]");
        signInAs = SUBJECT;
        int before = log.size();
        try (Browser browser = Browser.open()) {
            browser.get(server.baseUrl() + "/#/search?q=ngu");
            browser.await(30, d -> !browser.findAll("#sign-in").isEmpty());
            assertThat(browser.requestedUrls()).as("the OpenID client is loaded only when signing in")
                    .noneMatch(u -> u.contains("oidc-client-ts"));
            browser.find("#sign-in").click();
            browser.await(30, d -> !browser.findAll("#sign-out").isEmpty());
            assertThat(browser.find("#user .who").getText()).contains("Quản trị OIDC", "Quản trị tỉnh");
            assertThat(browser.driver().getCurrentUrl()).as("back where she was, the code gone from the address")
                    .contains("/#/search?q=ngu").doesNotContain("code=").doesNotContain("state=");
            assertThat(log).as("the flow the issuer saw").hasSize(before + 2);
            assertThat(log.get(before)).contains("code_challenge", "code_challenge_method", "state");
            assertThat(log.get(before + 1)).contains("code_verifier", "grant_type");
            // The page's requests carry the issuer's token: the server knows who she is.
            Object role = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "import('/shared/client.js').then(c => c.graphql('{ me { role subject } }')).then(d => done(d.me.role + ' ' + d.me.subject), e => done(String(e)));");
            assertThat(role).isEqualTo("PROVINCE_ADMIN " + SUBJECT);
            browser.screenshot("app-signed-in-oidc");
            // The tab keeps the session: a reload is still signed in, and asks nothing of the issuer.
            browser.driver().navigate().refresh();
            browser.await(30, d -> !browser.findAll("#sign-out").isEmpty());
            browser.requestedUrls();
            browser.get(server.baseUrl() + "/#/overview");
            browser.await(30, d -> !browser.findAll("#sign-out").isEmpty() && !browser.findAll("main h1").isEmpty());
            assertThat(Browser.outside(server.baseUrl(), browser.requestedUrls())).isEmpty();
            assertThat(log).hasSize(before + 2);

            browser.find("#sign-out").click();
            browser.await(20, d -> !browser.findAll("#sign-in").isEmpty());
        }
    }

    /**
     * The field app signs in at the same issuer (its own address, /field, is the redirect URI), keeps
     * the session on the device for offline work, and records with the issuer's token: a record made
     * offline after an offline reload is saved once the network is back. The issuer is asked once.
     */
    @Test
    void the_field_app_signs_in_at_the_issuer_and_keeps_working_offline_with_its_token() throws Exception {
        signInAs = "team-member";
        int before = log.size();
        try (Browser browser = FieldAppBrowserIT.phone()) {
            browser.get(server.baseUrl() + "/field");
            browser.await(30, d -> !browser.findAll("#sign-in-big").isEmpty());
            FieldAppBrowserIT.tap(browser, "#sign-in-big");
            browser.await(30, d -> !browser.findAll("#go-adoption").isEmpty());
            assertThat(browser.driver().getCurrentUrl()).as("back at the app, the code gone from the address")
                    .startsWith(server.baseUrl() + "/field").doesNotContain("code=").doesNotContain("state=");
            assertThat(log).as("the flow the issuer saw").hasSize(before + 2);
            assertThat(log.get(before)).contains("code_challenge", "state");
            assertThat(log.get(before + 1)).contains("code_verifier");
            assertThat(browser.find("#user").getText()).contains("Thành viên");
            Object kept = browser.script("const s = JSON.parse(localStorage.getItem('caunoi.session.device') || '{}');"
                    + " return s.via + ' ' + s.subject + ' ' + (s.expiresAt > Date.now());");
            assertThat(kept).as("the session kept on the device, for offline work").isEqualTo("oidc team-member true");
            FieldAppBrowserIT.run(browser, "await navigator.serviceWorker.ready; return true;");
            browser.await(30, d -> browser.find("body").getAttribute("data-cached") != null);

            // Offline: a reload starts from the service worker, still signed in; a record is queued.
            FieldAppBrowserIT.offline(browser, true);
            browser.driver().navigate().refresh();
            browser.await(30, d -> !browser.findAll("#go-adoption").isEmpty());
            FieldAppBrowserIT.recordAdoption(browser, FieldAppBrowserIT.citizenId(), "vssid", "INSTALLED", Map.of());
            browser.await(5, d -> FieldAppBrowserIT.storedRecords(browser).size() == 1);
            assertThat(FieldAppBrowserIT.states(browser)).containsExactly("queued");

            // Online: sent with the issuer's token, saved; the issuer was not asked again.
            FieldAppBrowserIT.offline(browser, false);
            browser.await(30, d -> FieldAppBrowserIT.states(browser).equals(List.of("saved")));
            assertThat(log).hasSize(before + 2);
            browser.screenshot("field-signed-in-oidc");
            assertThat(Browser.outside(server.baseUrl(), browser.requestedUrls()))
                    .as("from the page, only the issuer besides the server").allMatch(u -> u.startsWith(issuerUrl));
        } finally {
            signInAs = SUBJECT;
        }
    }
}
