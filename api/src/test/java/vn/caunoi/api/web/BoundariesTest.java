package vn.caunoi.api.web;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.ApiTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The map's boundaries: Hưng Yên's shipped with the jar, and a province's own from its folder. */
class BoundariesTest extends ApiTest {

    static final Path FOLDER = folder();
    static final String OWN = "{\"type\":\"FeatureCollection\",\"features\":[]}";

    static Path folder() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "boundaries-");
            // A newer map of province 33, with its credits; and a file of a shipped name, which replaces it.
            Files.writeString(dir.resolve("communes-33-2026-01-01.geojson"), OWN);
            Files.writeString(dir.resolve("communes-33-2026-01-01.credits.txt"), "Sở Nông nghiệp và Môi trường\n\n  Bản đồ 2026  \n");
            Files.writeString(dir.resolve("communes-99-2025-07-01.geojson"), OWN);
            Files.writeString(dir.resolve("notes.txt"), "not a boundary file");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void boundaries(DynamicPropertyRegistry registry) {
        registry.add("caunoi.boundaries-dir", () -> FOLDER.toAbsolutePath().toString());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_shipped_and_the_provinces_own_boundaries_are_listed_with_their_credits() throws Exception {
        HttpResponse<String> response = get("/boundaries");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = JsonMapper.builder().build().readTree(response.body());
        assertThat(list).hasSize(3);
        assertThat(list.get(0).path("province").asString()).isEqualTo("33");
        assertThat(list.get(0).path("validFrom").asString()).isEqualTo("2025-07-01");
        assertThat(list.get(0).path("url").asString()).isEqualTo("/boundaries/communes-33-2025-07-01.geojson");
        assertThat(list.get(0).path("credits").toString()).contains("thanglequoc/vietnamese-provinces-database", "Nhà xuất bản Tài nguyên");
        assertThat(list.get(1).path("validFrom").asString()).isEqualTo("2026-01-01");
        assertThat(list.get(1).path("credits").toString()).isEqualTo("[\"Sở Nông nghiệp và Môi trường\",\"Bản đồ 2026\"]");
        assertThat(list.get(2).path("province").asString()).isEqualTo("99");
        assertThat(list.get(2).path("credits")).isEmpty();
    }

    @Test
    void a_boundary_file_is_served_as_geojson_and_revalidated_and_nothing_else_is_reachable() throws Exception {
        HttpResponse<String> shipped = get("/boundaries/communes-33-2025-07-01.geojson");
        assertThat(shipped.statusCode()).isEqualTo(200);
        assertThat(shipped.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode geo = JsonMapper.builder().build().readTree(shipped.body());
        assertThat(geo.path("features")).hasSize(104);
        geo.path("features").forEach(f -> assertThat(f.path("properties").path("code").asString()).matches("\\d{5}"));
        String etag = shipped.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/boundaries/communes-33-2025-07-01.geojson", "If-None-Match", etag).statusCode()).isEqualTo(304);

        assertThat(get("/boundaries/communes-33-2026-01-01.geojson").body()).isEqualTo(OWN);
        assertThat(get("/boundaries/notes.txt").statusCode()).isEqualTo(404);
        assertThat(get("/boundaries/README.md").statusCode()).isEqualTo(404);
        assertThat(get("/boundaries/communes-33-2025-07-01.credits.txt").statusCode()).isEqualTo(404);
        assertThat(get("/boundaries/..%2Fapplication.properties").statusCode()).isIn(400, 404);
    }

    @Test
    void a_file_in_the_folder_with_a_shipped_name_replaces_the_shipped_one() throws Exception {
        Path replacement = FOLDER.resolve("communes-33-2025-07-01.geojson");
        Files.writeString(replacement, OWN);
        try {
            assertThat(get("/boundaries/communes-33-2025-07-01.geojson").body()).isEqualTo(OWN);
        } finally {
            Files.delete(replacement);
        }
        assertThat(get("/boundaries/communes-33-2025-07-01.geojson").body()).contains("Phường Phố Hiến");
    }
}
