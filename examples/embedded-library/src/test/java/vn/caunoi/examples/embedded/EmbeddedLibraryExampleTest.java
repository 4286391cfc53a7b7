package vn.caunoi.examples.embedded;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedLibraryExampleTest {

    @Test
    void the_example_runs_and_prints_hung_yen_today_thai_binh_in_june_2024_and_a_team_made_without_a_personal_data_key() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
             PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            EmbeddedLibraryExample.run(postgres.getPostgresDatabase(), LocalDate.of(2026, 12, 6), out);
        }
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("Communes of Hưng Yên on ").endsWith(": 104");
        assertThat(lines).contains("  12595 Xã Ngự Thiên", "  11953 Phường Phố Hiến");
        int districts = lines.indexOf("Districts of Thái Bình on 2024-06-01: 8");
        assertThat(districts).isEqualTo(105);
        assertThat(lines.subList(districts + 1, districts + 9)).contains("  339 Huyện Hưng Hà");
        assertThat(lines.get(districts + 9)).isEqualTo("Team created: Tổ công nghệ số cộng đồng xã Ngự Thiên in Xã Ngự Thiên (1 team)");
        assertThat(lines).hasSize(districts + 10);
    }
}
