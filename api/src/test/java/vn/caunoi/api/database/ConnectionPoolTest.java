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

    @Test
    void a_probe_that_began_during_a_restart_and_fails_after_it_does_not_turn_a_healthy_server_away() throws Exception {
        PGSimpleDataSource real = target();
        java.util.concurrent.CountDownLatch asking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean recovering = new java.util.concurrent.atomic.AtomicBoolean(true);
        // PostgreSQL at the end of its crash recovery: a connection attempt hangs, then is refused
        // with 57P03, as the restarted server does to an attempt that raced its "ready".
        javax.sql.DataSource restarting = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && recovering.get()) {
                        asking.countDown();
                        answer.await();
                        throw new java.sql.SQLException("FATAL: the database system is not yet accepting connections", "57P03");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (DatabaseAvailability availability = new DatabaseAvailability(restarting, "test", Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            availability.markDown("the embedded PostgreSQL stopped; restarting it");
            java.util.concurrent.CompletableFuture<Boolean> probe = java.util.concurrent.CompletableFuture.supplyAsync(availability::probe);
            assertThat(asking.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("the probe is asking").isTrue();

            // when the watchdog sees the restart succeed while the probe still waits, and then the probe's attempt is refused
            availability.markUp();
            answer.countDown();
            probe.get(10, java.util.concurrent.TimeUnit.SECONDS);

            // then the fresher verdict stands
            assertThat(availability.isUp()).as("up, as the watchdog said after the probe began").isTrue();

            // and a probe that begins and fails with no news meanwhile still marks it down, and the next one up again
            assertThat(availability.probe()).isFalse();
            assertThat(availability.isUp()).isFalse();
            assertThat(availability.reason()).contains("not yet accepting connections");
            recovering.set(false);
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!availability.probe() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(availability.isUp()).isTrue();
        }
    }
}
