package vn.caunoi.examples.embedded;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedLibraryExampleTest {

    @Test
    void the_example_runs_and_prints_hung_yen_today_and_thai_binh_in_june_2024() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
             PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            EmbeddedLibraryExample.run(postgres.getPostgresDatabase(), LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")), out);
        }
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("Communes of Hưng Yên on ").endsWith(": 104");
        assertThat(lines).contains("  12595 Xã Ngự Thiên", "  11953 Phường Phố Hiến");
        int districts = lines.indexOf("Districts of Thái Bình on 2024-06-01: 8");
        assertThat(districts).isEqualTo(105);
        assertThat(lines.subList(districts + 1, lines.size())).hasSize(8).contains("  339 Huyện Hưng Hà");
    }
}
