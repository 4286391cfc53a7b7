package vn.caunoi.core.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.TestDatabases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COPY of rows as objects and as CSV bytes: every text arrives as it was, however long the rows. */
class CopyTest {

    static Database db;

    @BeforeAll
    static void database() {
        db = new Database(TestDatabases.freshDatabase());
    }

    static final String AWKWARD = "Nguyễn \"Bé\", thôn 3\nhai dòng \\x; ‘quoted’";

    /** Copies with {@code copy} into a temporary table of (n, text, day) and reads the rows back in order. */
    static List<String> copiedAndReadBack(java.util.function.Function<Tx, Long> copy) {
        return db.bulk(tx -> {
            try (Statement st = tx.connection().createStatement()) {
                st.execute("create temp table copied (n int, text text, day date) on commit drop");
                long copied = copy.apply(tx);
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select n, text, day from copied order by n")) {
                    while (rs.next()) {
                        rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                    }
                }
                assertThat(copied).isEqualTo(rows.size());
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void rows_as_objects_and_as_csv_bytes_arrive_alike_with_quotes_commas_newlines_unicode_and_nulls() {
        List<Object[]> objects = List.of(new Object[]{1, AWKWARD, LocalDate.of(2025, 7, 1)}, new Object[]{2, null, null},
                new Object[]{3, "", LocalDate.of(2024, 2, 29)});
        CsvRows bytes = new CsvRows();
        for (Object[] row : objects) {
            for (Object field : row) {
                bytes.field(field);
            }
            bytes.endRow();
        }

        List<String> fromObjects = copiedAndReadBack(tx -> Copy.into(tx, "copied", "n, text, day", objects));
        List<String> fromBytes = copiedAndReadBack(tx -> Copy.into(tx, "copied", "n, text, day", bytes));

        assertThat(fromObjects).containsExactly("1|" + AWKWARD + "|2025-07-01", "2|null|null", "3||2024-02-29");
        assertThat(fromBytes).isEqualTo(fromObjects);
        assertThat(bytes.rows()).isEqualTo(3);
    }

    @Test
    void csv_rows_far_beyond_one_buffer_arrive_whole_and_clear_empties_them_for_the_next_chunk() {
        CsvRows rows = new CsvRows();
        String text = AWKWARD.repeat(20);
        for (int n = 0; n < 5_000; n++) {
            rows.field(n).field(text + n).field(LocalDate.of(2024, 1, 1).plusDays(n % 366)).endRow();
        }

        List<String> copied = copiedAndReadBack(tx -> Copy.into(tx, "copied", "n, text, day", rows));

        assertThat(copied).hasSize(5_000);
        assertThat(copied.get(4_999)).isEqualTo("4999|" + text + "4999|2024-08-29");
        rows.clear();
        assertThat(rows.isEmpty()).isTrue();
        rows.field(7).field("again").field(null).endRow();
        assertThat(copiedAndReadBack(tx -> Copy.into(tx, "copied", "n, text, day", rows))).containsExactly("7|again|null");
    }

    @Test
    void a_row_the_table_refuses_fails_the_copy_with_the_table_named_and_the_connection_stays_usable() {
        CsvRows rows = new CsvRows();
        rows.field("not a number").field("x").field(null).endRow();

        assertThatThrownBy(() -> copiedAndReadBack(tx -> Copy.into(tx, "copied", "n, text, day", rows)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("copied");
        assertThat(copiedAndReadBack(tx -> Copy.into(tx, "copied", "n, text, day", List.<Object[]>of(new Object[]{1, "ok", null}))))
                .containsExactly("1|ok|null");
    }
}
