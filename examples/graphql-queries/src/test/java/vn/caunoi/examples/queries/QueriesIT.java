package vn.caunoi.examples.queries;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vn.caunoi.testkit.ServerProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example query runs against the real server jar with demo data, without errors and with data. */
class QueriesIT {

    static ServerProcess server;

    @BeforeAll
    static void server() throws IOException {
        Path data = Files.createTempDirectory(Path.of("target"), "data-");
        server = ServerProcess.start(Path.of(System.getProperty("caunoi.server.jar")), Path.of("target", "it-logs"),
                "--caunoi.data-dir=" + data, "--caunoi.plugins-dir=" + Path.of(System.getProperty("caunoi.server.jar")).resolveSibling("plugins"))
                .signIn("province-admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> every_example_query_answers_without_errors() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(System.getProperty("queries.dir")))) {
            files = list.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String body = server.graphql(ServerProcess.query(Files.readString(file)));
            assertThat(body).startsWith("{\"data\":{").doesNotContain("\"errors\"").doesNotContain("\"totalCount\":0");
            if (file.getFileName().toString().contains("residents")) {
                // The demo resident is found, shown masked, and the demo import and counts are there.
                assertThat(body).contains("\"maskedCitizenId\":\"•••••••••003\"", "\"state\":\"DONE\"", "\"exact\":true")
                        .doesNotContain("033077000003");
            }
        }));
    }
}
