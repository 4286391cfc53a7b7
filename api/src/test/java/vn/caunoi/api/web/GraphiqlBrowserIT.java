package vn.caunoi.api.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The vendored GraphiQL page in a real headless Chromium: it renders, and loads nothing from outside the server. */
class GraphiqlBrowserIT {

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "it-data-");
        server = ServerProcess.start(Path.of("target", "caunoi-api.jar"), Path.of("target", "it-logs"),
                "--caunoi.data-dir=" + data, "--caunoi.demo-data=false");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void graphiql_renders_offline_from_the_server_alone() {
        try (Browser browser = Browser.open()) {
            browser.get(server.baseUrl() + "/graphiql");
            browser.await(30, d -> !browser.findAll(".graphiql-container").isEmpty());
            browser.screenshot("graphiql");
            assertThat(browser.driver().getTitle()).contains("GraphiQL");
            var urls = browser.requestedUrls();
            assertThat(urls).anyMatch(u -> u.endsWith("/graphiql/graphiql.min.js"));
            assertThat(Browser.outside(server.baseUrl(), urls)).isEmpty();
        }
    }
}
