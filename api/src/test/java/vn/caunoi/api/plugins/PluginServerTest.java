package vn.caunoi.api.plugins;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.client.RestClient;

import java.nio.file.Path;

/** A real server on its own database and plugins directory, without demo data: the base of the plugin tests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PluginServerTest {

    @LocalServerPort
    int port;
    HttpSyncGraphQlClient client;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void client() {
        String token = (String) RestClient.create("http://localhost:" + port).post().uri("/dev/token?user=test-admin").retrieve()
                .body(java.util.Map.class).get("access_token");
        client = HttpSyncGraphQlClient.create(RestClient.builder().baseUrl("http://localhost:" + port + "/graphql")
                .defaultHeader("Authorization", "Bearer " + token).build());
    }

    static void server(DynamicPropertyRegistry registry, String database, Path plugins) {
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("caunoi.demo-data", () -> "false");
        registry.add("caunoi.plugins-dir", () -> plugins.toAbsolutePath().toString());
        registry.add("caunoi.data-dir", () -> Path.of("target", "test-data").toAbsolutePath().toString());
        registry.add("caunoi.security.bootstrap-admin", () -> "test-admin");
    }
}
