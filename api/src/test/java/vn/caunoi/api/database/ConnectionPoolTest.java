package vn.caunoi.api.database;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import vn.caunoi.testkit.TestDatabases;

import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The requests' pool against a real PostgreSQL: waits end at the request's deadline, and the health probe never queues behind it. */
class ConnectionPoolTest {

    private static PGSimpleDataSource target() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabases.freshDatabaseUrl());
        ds.setUser("postgres");
        ds.setPassword("postgres");
        return ds;
    }

    @Test
    void a_request_waiting_for_a_full_pool_stops_at_its_deadline_while_health_still_answers() throws Exception {
        PGSimpleDataSource target = target();
        try (ConnectionPool pool = new ConnectionPool(target, "test", 1, Duration.ofSeconds(30), null);
             DatabaseAvailability availability = new DatabaseAvailability(target, "test", Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            pool.watchedBy(availability);
            try (Connection busy = pool.getConnection()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> RequestDeadline.within(Duration.ofMillis(700), pool::getConnection))
                        .isInstanceOf(ConnectionWaitTimeoutException.class)
                        .satisfies(e -> assertThat(DatabaseErrors.timeout(e)).isTrue());
                long waited = (System.nanoTime() - start) / 1_000_000;
                assertThat(waited).as("the deadline, not the 30 s pool timeout").isBetween(600L, 3000L);
                assertThat(availability.probe()).as("the probe has its own connection").isTrue();
            }
            try (Connection free = RequestDeadline.within(Duration.ofSeconds(5), pool::getConnection)) {
                assertThat(free.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void while_the_database_is_down_requests_are_refused_at_once_and_served_again_when_it_answers() throws Exception {
        PGSimpleDataSource target = target();
        try (ConnectionPool pool = new ConnectionPool(target, "test", 2, Duration.ofSeconds(30), null);
             DatabaseAvailability availability = new DatabaseAvailability(target, "test", Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            pool.watchedBy(availability);
            availability.markDown("stopped for the test");
            long start = System.nanoTime();
            assertThatThrownBy(() -> RequestDeadline.within(Duration.ofSeconds(20), pool::getConnection))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .satisfies(e -> assertThat(DatabaseErrors.unavailable(e)).isTrue());
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(200L);
            assertThat(availability.probe()).as("the probe finds it answering").isTrue();
            assertThat(availability.isUp()).isTrue();
            try (Connection c = RequestDeadline.within(Duration.ofSeconds(5), pool::getConnection)) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }
}
