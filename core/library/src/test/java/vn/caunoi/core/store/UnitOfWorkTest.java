package vn.caunoi.core.store;

import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A unit of work is all or nothing, whatever wrote in it: plain JDBC (as COPY and "insert …
 * returning" selects do) is rolled back as surely as a mapped insert when the work throws, and work
 * that joins an outer unit commits with it or not at all.
 */
class UnitOfWorkTest {

    static final DataSource DATA = TestDatabases.freshDatabase();
    static final Database DB = new Database(DATA, Duration.ofSeconds(5));

    static {
        DB.inTransaction(tx -> execute(tx, "create table if not exists unit_of_work_probe (label text primary key)"));
    }

    static int execute(Tx tx, String sql) {
        try (var st = tx.connection().createStatement()) {
            return st.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String label) {
        return DB.read(tx -> {
            try (var st = tx.connection().prepareStatement("select count(*) from unit_of_work_probe where label = ?")) {
                st.setString(1, label);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void work_that_throws_after_a_plain_jdbc_write_leaves_nothing() {
        // when
        assertThatThrownBy(() -> DB.inTransaction(tx -> {
            execute(tx, "insert into unit_of_work_probe values ('thrown')");
            throw new IllegalArgumentException("refused after writing");
        })).hasMessage("refused after writing");
        // then
        assertThat(count("thrown")).isZero();
    }

    @Test
    void joined_work_that_throws_undoes_the_outer_work_too() {
        // when
        assertThatThrownBy(() -> DB.inTransaction(outer -> {
            execute(outer, "insert into unit_of_work_probe values ('outer')");
            return DB.inTransaction(inner -> {
                execute(inner, "insert into unit_of_work_probe values ('inner')");
                throw new IllegalStateException("inner refused");
            });
        })).hasMessage("inner refused");
        // then
        assertThat(count("outer")).isZero();
        assertThat(count("inner")).isZero();
    }

    @Test
    void work_that_returns_is_committed() {
        // when
        DB.inTransaction(tx -> execute(tx, "insert into unit_of_work_probe values ('kept')"));
        // then
        assertThat(count("kept")).isEqualTo(1);
    }

    static String transactionAndBackend(Tx tx) {
        try (var st = tx.connection().createStatement(); var rs = st.executeQuery("select now()::text || ' ' || pg_backend_pid()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reads_made_together_share_one_transaction_and_a_write_among_them_commits_on_its_own() {
        // when: three reads (as three data fetchers of one GraphQL query would make) and a write among them
        java.util.List<String> seen = DB.readTogether(() -> {
            String first = DB.read(UnitOfWorkTest::transactionAndBackend);
            DB.inTransaction(tx -> execute(tx, "insert into unit_of_work_probe values ('audited while reading')"));
            String second = DB.read(UnitOfWorkTest::transactionAndBackend);
            String third = DB.readAll(UnitOfWorkTest::transactionAndBackend);
            return java.util.List.of(first, second, third);
        });
        // then: one transaction (now() is its start) on one connection; the write is kept
        assertThat(seen).hasSize(3).containsOnly(seen.get(0));
        assertThat(count("audited while reading")).isOne();
        // and reads made one after the other run in transactions of their own
        assertThat(DB.read(UnitOfWorkTest::transactionAndBackend)).isNotEqualTo(DB.read(UnitOfWorkTest::transactionAndBackend));
    }

    @Test
    void reads_together_that_read_nothing_take_no_connection() {
        // given: a data source that counts the connections taken from it
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        DataSource counting = (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        taken.incrementAndGet();
                    }
                    try {
                        return method.invoke(DATA, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Database db = new Database(counting, Duration.ofSeconds(5));
        int afterMigrations = taken.get();
        // when: a query that needs no data (a GraphQL { __typename }), then one that reads
        String answer = db.readTogether(() -> "Query");
        int byNothing = taken.get() - afterMigrations;
        db.readTogether(() -> db.read(UnitOfWorkTest::transactionAndBackend));
        int byARead = taken.get() - afterMigrations - byNothing;
        // then
        assertThat(answer).isEqualTo("Query");
        assertThat(byNothing).isZero();
        assertThat(byARead).isOne();
    }

    static String planCacheMode(Tx tx) {
        try (var st = tx.connection().createStatement(); var rs = st.executeQuery("show plan_cache_mode")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reads_are_planned_for_their_values_and_writes_as_the_server_plans() {
        assertThat(DB.read(UnitOfWorkTest::planCacheMode)).isEqualTo("force_custom_plan");
        assertThat(DB.inTransaction(UnitOfWorkTest::planCacheMode)).isEqualTo("auto");
        // the setting is the transaction's own: the connection goes back to the pool as it came
        assertThat(DB.inTransaction(UnitOfWorkTest::planCacheMode)).isEqualTo("auto");
    }

    @Test
    void a_read_with_one_plan_plans_its_statements_once_and_the_reads_after_it_for_their_values_again() {
        List<String> modes = DB.read(tx -> {
            String inside = tx.withOnePlan(UnitOfWorkTest::planCacheMode);
            return List.of(inside, planCacheMode(tx));
        });
        assertThat(modes).containsExactly("force_generic_plan", "force_custom_plan");
        // a write keeps PostgreSQL's own choice
        String inAWrite = DB.inTransaction(tx -> tx.withOnePlan(UnitOfWorkTest::planCacheMode));
        assertThat(inAWrite).isEqualTo("auto");
    }

    @Test
    void a_failure_inside_one_plan_is_reported_as_itself_and_the_reads_after_it_are_planned_for_their_values() {
        // a failed statement: its own error, not the aborted transaction's (a timeout stays a timeout)
        Throwable failed = org.assertj.core.api.Assertions.catchThrowable(() -> DB.read(tx -> tx.withOnePlan(t -> {
            try (var st = t.connection().createStatement()) {
                return st.executeQuery("select 1 / 0");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        })));
        assertThat(failed).hasRootCauseInstanceOf(SQLException.class);
        assertThat(((SQLException) org.assertj.core.util.Throwables.getRootCause(failed)).getSQLState()).isEqualTo("22012");
        // a failure in Java: the transaction goes on, planned for its values again
        String after = DB.read(tx -> {
            try {
                tx.withOnePlan(t -> {
                    throw new IllegalArgumentException("no such unit");
                });
            } catch (IllegalArgumentException expected) {
                // as a GraphQL field's error: the request's other fields read on
            }
            return planCacheMode(tx);
        });
        assertThat(after).isEqualTo("force_custom_plan");
        // nested: the inner block keeps the outer's setting
        List<String> nested = DB.read(tx -> tx.withOnePlan(t -> {
            String inner = t.withOnePlan(UnitOfWorkTest::planCacheMode);
            return List.of(inner, planCacheMode(t));
        }));
        assertThat(nested).containsExactly("force_generic_plan", "force_generic_plan");
    }

    @Test
    void an_sql_state_is_found_among_all_causes_of_a_failure_the_first_of_that_state_first() {
        SQLException exclusion = new SQLException("conflicting key value violates exclusion constraint", "23P01");
        SQLException deeper = new SQLException("another", "23P01");
        exclusion.initCause(deeper);
        RuntimeException failure = new org.apache.ibatis.exceptions.PersistenceException("cannot run",
                new IllegalStateException("wrapped", exclusion));

        assertThat(Database.sqlException(failure, "23P01")).containsSame(exclusion);
        assertThat(Database.sqlState(failure, "23P01")).isTrue();
        assertThat(Database.sqlState(failure, "23505")).isFalse();
        assertThat(Database.sqlException(new IllegalStateException("no SQL at all"), "23P01")).isEmpty();
    }

    @Test
    void vacuum_runs_outside_any_transaction_and_takes_only_a_table_name() {
        // given rows written and deleted
        DB.inTransaction(tx -> execute(tx, "insert into unit_of_work_probe values ('vacuumed') on conflict do nothing"));
        DB.inTransaction(tx -> execute(tx, "delete from unit_of_work_probe where label = 'vacuumed'"));

        // when
        DB.vacuum("unit_of_work_probe");

        // then PostgreSQL records the vacuum (it refuses VACUUM inside a transaction block)
        boolean vacuumed = DB.read(tx -> {
            try (var st = tx.connection().createStatement();
                 var rs = st.executeQuery("select last_vacuum is not null from pg_stat_user_tables where relname = 'unit_of_work_probe'")) {
                rs.next();
                return rs.getBoolean(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(vacuumed).isTrue();
        assertThatThrownBy(() -> DB.vacuum("unit_of_work_probe; drop table x")).isInstanceOf(IllegalArgumentException.class);
    }
}
