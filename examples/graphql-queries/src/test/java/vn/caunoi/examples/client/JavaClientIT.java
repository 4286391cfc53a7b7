package vn.caunoi.examples.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed Java client against the real server jar with the demo data, signed in and as the public. */
class JavaClientIT {

    static ServerProcess server;
    static String token;

    @BeforeAll
    static void server() throws IOException {
        Path data = Files.createTempDirectory(Path.of("target"), "data-");
        Path jar = Path.of(System.getProperty("caunoi.server.jar"));
        server = ServerProcess.start(jar, Path.of("target", "it-logs"), "--caunoi.data-dir=" + data,
                "--caunoi.plugins-dir=" + jar.resolveSibling("plugins"));
        String body = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/dev/token?user=province-admin"))
                .POST(HttpRequest.BodyPublishers.noBody())).body();
        token = body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_province_service_reads_typed_rates_and_records_an_adoption_once() {
        CauNoiClient client = new CauNoiClient(server.baseUrl() + "/graphql", token);
        List<CauNoiClient.AdoptionRate> rates = client.communeRates("33", "vneid", "2025");
        assertThat(rates).hasSizeGreaterThan(50).allSatisfy(r -> {
            assertThat(r.unit().code()).hasSize(5);
            assertThat(r.suppressed()).as("the full view, in the administrator's scope").isFalse();
            assertThat(r.adopters()).isNotNull();
        });
        assertThat(rates.get(0).gapToTarget()).as("furthest behind first").isGreaterThanOrEqualTo(rates.get(rates.size() - 1).gapToTarget());

        String key = "java-client-" + UUID.randomUUID();
        CauNoiClient.Recorded first = client.recordAdoption(key, "034185001234", "12595.01", "vssid", "INSTALLED", LocalDate.of(2025, 3, 2));
        assertThat(first.userErrors()).isEmpty();
        assertThat(first.maskedCitizenId()).isEqualTo("•••••••••234");
        assertThat(first.status().since()).isEqualTo(LocalDate.of(2025, 3, 2));
        CauNoiClient.Recorded retry = client.recordAdoption(key, "034185001234", "12595.01", "vssid", "INSTALLED", LocalDate.of(2025, 3, 2));
        assertThat(retry.replayed()).as("a retry writes nothing").isTrue();
        CauNoiClient.Recorded bad = client.recordAdoption("java-client-" + UUID.randomUUID(), "12345", "12595.01", "vssid", "INSTALLED",
                LocalDate.of(2025, 3, 2));
        assertThat(bad.userErrors()).extracting(CauNoiClient.UserError::code).contains("NOT_12_DIGITS");
    }

    @Test
    void the_public_sees_withheld_figures_as_nulls_and_may_not_record() {
        CauNoiClient anonymous = new CauNoiClient(server.baseUrl() + "/graphql", null);
        assertThat(anonymous.communeRates("33", "vneid", "2025")).hasSizeGreaterThan(50)
                .anySatisfy(r -> assertThat(r.suppressed()).isTrue());
        assertThatThrownBy(() -> anonymous.recordAdoption("java-client-" + UUID.randomUUID(), "034185001235", "12595.01", "vssid",
                "INSTALLED", LocalDate.of(2025, 3, 2))).hasMessageContaining("UNAUTHENTICATED");
    }
}
