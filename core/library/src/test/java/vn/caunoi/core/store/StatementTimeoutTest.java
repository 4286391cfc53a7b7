package vn.caunoi.core.store;

import org.junit.jupiter.api.Test;
import vn.caunoi.core.common.QueryTimeoutException;
import vn.caunoi.core.store.Database;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A read or an interactive write running past the statement timeout is cancelled in PostgreSQL itself; bulk work is not bounded. */
class StatementTimeoutTest {

    static final DataSource DATA = TestDatabases.freshDatabase();
    static final Database DB = new Database(DATA, Duration.ofMillis(300));

    static String sleep(Tx tx, double seconds) {
        try (var st = tx.connection().createStatement()) {
            st.execute("select pg_sleep(" + seconds + ")");
            return "slept";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_long_statement_is_cancelled_and_reported_as_a_timeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> DB.read(s -> sleep(s, 5))).isInstanceOfSatisfying(QueryTimeoutException.class,
                e -> assertThat(e.code()).isEqualTo("TIMEOUT"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("cancelled, not waited for").isLessThan(3_000);
        assertThatThrownBy(() -> DB.inTransaction(s -> sleep(s, 5))).isInstanceOf(QueryTimeoutException.class);
        String quick = DB.read(s -> sleep(s, 0.05));
        assertThat(quick).isEqualTo("slept");
    }

    @Test
    void bulk_work_has_no_statement_timeout() {
        String bulk = DB.bulk(s -> sleep(s, 0.6));
        String all = DB.readAll(s -> sleep(s, 0.6));
        assertThat(bulk).isEqualTo("slept");
        assertThat(all).isEqualTo("slept");
    }
}
