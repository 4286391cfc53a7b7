package vn.caunoi.api.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.testkit.ServerProcess;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web apps' shared layer (static/shared) in a real headless Chromium against the real server
 * jar with the demo data: the modules are imported by the page as an app imports them, and speak
 * to the server as the apps do.
 */
class SharedLayerBrowserIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "it-data-");
        server = ServerProcess.start(Path.of("target", "caunoi-api.jar"), Path.of("target", "it-logs"),
                "--caunoi.data-dir=" + data);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs an async function body (it may await) in the page, and returns what it returns, as JSON. */
    static JsonNode run(Browser browser, String body) {
        Object result = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "(async () => {" + body + "})().then(r => done(JSON.stringify(r)), e => done(JSON.stringify({ thrown: String(e) })));");
        JsonNode node = JSON.readTree(String.valueOf(result));
        assertThat(node.path("thrown").isMissingNode()).as("the script failed: %s", node).isTrue();
        return node;
    }

    @Test
    void signs_in_as_a_demo_user_speaks_graphql_with_her_token_and_turns_refusals_into_readable_messages() {
        try (Browser browser = Browser.open()) {
            browser.get(server.baseUrl() + "/app-config");
            JsonNode r = run(browser, """
                    const auth = await import('/shared/auth.js');
                    const client = await import('/shared/client.js');
                    const i18n = await import('/shared/i18n.js');
                    i18n.setLang('vi');
                    const out = {};
                    out.config = await auth.appConfig();
                    await auth.initAuth();
                    out.publicRole = auth.session().role;
                    try { await client.graphql('{ plugins { id } }'); } catch (e) { out.publicRefusal = { code: e.code, message: e.message }; }
                    await auth.signInDemo('viewer');
                    out.viewer = { role: auth.session().role, signedIn: auth.session().signedIn, scope: auth.session().scope.map(u => u.code) };
                    out.unit = (await client.graphql('query($c: String!) { unit(code: $c) { fullName } }', { c: '33' })).unit.fullName;
                    try { await client.graphql('{ plugins { id } }'); } catch (e) { out.viewerRefusal = { code: e.code, message: e.message, detail: e.detail }; }
                    try { await client.graphql('{ adoptionRates(under: "33", groupBy: COMMUNE, service: "vneid", period: "not a period") { rate } }'); }
                    catch (e) { out.badInput = { code: e.code, message: e.message }; }
                    i18n.setLang('en');
                    try { await client.graphql('{ plugins { id } }'); } catch (e) { out.english = e.message; }
                    i18n.setLang('vi');
                    await auth.signOut();
                    out.afterSignOut = auth.session().role;
                    return out;
                    """);
            assertThat(r.path("config").path("mode").asString()).isEqualTo("demo");
            assertThat(r.path("publicRole").asString()).isEqualTo("PUBLIC");
            assertThat(r.path("publicRefusal").path("code").asString()).as("the public is asked to sign in").isEqualTo("UNAUTHENTICATED");
            assertThat(r.path("viewer").path("role").asString()).isEqualTo("VIEWER");
            assertThat(r.path("viewer").path("scope").toString()).contains("\"33\"");
            assertThat(r.path("unit").asString()).isEqualTo("Tỉnh Hưng Yên");
            assertThat(r.path("viewerRefusal").path("code").asString()).isEqualTo("FORBIDDEN");
            assertThat(r.path("viewerRefusal").path("message").asString())
                    .isEqualTo("Vai trò hoặc phạm vi của bạn không cho phép xem hay làm việc này.");
            assertThat(r.path("badInput").path("code").asString()).isEqualTo("BAD_USER_INPUT");
            assertThat(r.path("badInput").path("message").asString()).startsWith("Dữ liệu không hợp lệ. Máy chủ cho biết: ")
                    .doesNotContain("Exception").doesNotContain("at vn.");
            assertThat(r.path("english").asString()).isEqualTo("Your role or scope does not allow this.");
            assertThat(r.path("afterSignOut").asString()).isEqualTo("PUBLIC");
            assertThat(Browser.outside(server.baseUrl(), browser.requestedUrls())).isEmpty();
        }
    }

    @Test
    void a_token_the_server_refuses_ends_the_session_and_says_so() {
        try (Browser browser = Browser.open()) {
            browser.get(server.baseUrl() + "/app-config");
            JsonNode r = run(browser, """
                    sessionStorage.setItem('caunoi.session', JSON.stringify({ token: 'not-a-token', expiresAt: Date.now() + 3600000, via: 'demo' }));
                    const auth = await import('/shared/auth.js');
                    await auth.initAuth();
                    return { role: auth.session().role, notice: auth.takeNotice(), stored: sessionStorage.getItem('caunoi.session') };
                    """);
            assertThat(r.path("role").asString()).isEqualTo("PUBLIC");
            assertThat(r.path("notice").asString()).isEqualTo("auth.expired");
            assertThat(r.path("stored").isNull()).isTrue();
        }
    }

    @Test
    void numbers_dates_and_percentages_are_written_the_vietnamese_way_and_switch_with_the_language() {
        try (Browser browser = Browser.open()) {
            browser.get(server.baseUrl() + "/app-config");
            JsonNode r = run(browser, """
                    const i18n = await import('/shared/i18n.js');
                    i18n.setLang('vi');
                    const vi = { n: i18n.formatNumber(1234567.5), p: i18n.formatPercent(0.1234), d: i18n.formatDate('2026-12-06'),
                                 pts: i18n.formatPoints(0.021), c: i18n.formatChange(1234), none: i18n.formatPercent(null),
                                 lang: document.documentElement.lang };
                    i18n.setLang('en');
                    const en = { n: i18n.formatNumber(1234567.5), p: i18n.formatPercent(0.1234), lang: document.documentElement.lang };
                    i18n.setLang('vi');
                    return { vi, en };
                    """);
            JsonNode vi = r.path("vi");
            assertThat(vi.path("n").asString()).isEqualTo("1.234.567,5");
            assertThat(vi.path("p").asString()).isEqualTo("12,3%");
            assertThat(vi.path("d").asString()).isEqualTo("06/12/2026");
            assertThat(vi.path("pts").asString()).isEqualTo("+2,1 điểm %");
            assertThat(vi.path("c").asString()).isEqualTo("+1.234");
            assertThat(vi.path("none").asString()).isEqualTo("—");
            assertThat(vi.path("lang").asString()).isEqualTo("vi");
            assertThat(r.path("en").path("n").asString()).isEqualTo("1,234,567.5");
            assertThat(r.path("en").path("p").asString()).isEqualTo("12.3%");
            assertThat(r.path("en").path("lang").asString()).isEqualTo("en");
        }
    }

    @Test
    void the_sign_in_control_offers_the_demo_users_in_a_dialog_and_shows_who_is_signed_in() {
        try (Browser browser = Browser.open()) {
            browser.get(server.baseUrl() + "/app-config");
            run(browser, """
                    document.documentElement.innerHTML = '<head></head><body><div id="user"></div></body>';
                    const link = document.createElement('link');
                    link.rel = 'stylesheet';
                    link.href = '/shared/shared.css';
                    document.head.append(link);
                    const auth = await import('/shared/auth.js');
                    const widgets = await import('/shared/widgets.js');
                    await auth.initAuth();
                    widgets.mountSignIn(document.getElementById('user'));
                    return true;
                    """);
            browser.await(10, d -> !browser.findAll("#sign-in").isEmpty());
            browser.find("#sign-in").click();
            browser.await(10, d -> browser.findAll("dialog[open] .demo-user").size() == 4);
            browser.screenshot("shared-sign-in-dialog");
            browser.find("dialog[open] .demo-user[data-subject='commune-officer']").click();
            browser.await(10, d -> !browser.findAll("#sign-out").isEmpty());
            assertThat(browser.find("#user .who").getText()).contains("Cán bộ xã");
            assertThat(browser.findAll("dialog[open]")).isEmpty();
            browser.find("#sign-out").click();
            browser.await(10, d -> !browser.findAll("#sign-in").isEmpty());
        }
    }
}
