package vn.caunoi.core.store;

import org.apache.ibatis.binding.MapperMethod;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.logging.jdbc.ConnectionLogger;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSession;
import vn.caunoi.core.common.Actor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One unit of work on the database, handed to the work that {@link Database} runs: the mappers of
 * the feature doing the work, on one connection and in one transaction. It carries no way to commit
 * or roll back: {@link Database} does that when the work returns or throws.
 */
public final class Tx {

    private final java.util.function.Supplier<SqlSession> opener;
    private final java.util.function.Consumer<SqlSession> beforeFirstUse;
    private final boolean readOnly;
    private final StatementCounter statements;
    /** Inside {@link #withOnePlan}. */
    private boolean onePlan;
    /** Opened at the first statement: work that reads nothing (a GraphQL query of {@code __typename}) costs no session. */
    private SqlSession session;
    /** What reads of this unit of work checked against an actor's scope showed her ({@link #shown}). */
    private Map<Actor, Set<Object>> shown;

    Tx(java.util.function.Supplier<SqlSession> opener, boolean readOnly, java.util.function.Consumer<SqlSession> beforeFirstUse,
       StatementCounter statements) {
        this.opener = opener;
        this.readOnly = readOnly;
        this.beforeFirstUse = beforeFirstUse;
        this.statements = statements;
    }

    /** A row of a result, read by column position (the select list's order). */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * The rows of a mapper's statement ({@code mapper}'s namespace, {@code statement}'s id), its SQL
     * built and its parameters bound by MyBatis as for any statement, read by {@code reader}
     * straight from the JDBC result. For a hot read of many rows: MyBatis maps each column of
     * each row by reflection (a property lookup, a type handler lookup, an object factory), which
     * for a page's 1,000 memberships cost more than PostgreSQL's run of the statement.
     */
    public <T> List<T> rows(Class<?> mapper, String statement, Map<String, ?> parameters, RowReader<T> reader) {
        SqlSession s = session();
        MappedStatement ms = s.getConfiguration().getMappedStatement(mapper.getName() + "." + statement);
        MapperMethod.ParamMap<Object> bound = new MapperMethod.ParamMap<>();
        bound.putAll(parameters);
        BoundSql sql = ms.getBoundSql(bound);
        statements.counted(ms.getId());
        // Logged as MyBatis logs its own statements (the statement's logger at DEBUG: the SQL, its
        // parameters and the row count), through MyBatis's own JDBC proxies, which cost nothing
        // while that logger is off.
        Connection connection = s.getConnection();
        if (ms.getStatementLog().isDebugEnabled()) {
            connection = ConnectionLogger.newInstance(connection, ms.getStatementLog(), 1);
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.getSql())) {
            new DefaultParameterHandler(ms, bound, sql).setParameters(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceException("cannot run " + ms.getId(), e);
        }
    }

    /**
     * Notes that a read of this unit of work, checked against {@code actor}'s scope, showed her
     * {@code facts} (keys such as a team on a date). A later read in the same unit of work of what
     * they hold (a page of teams' memberships, in the same GraphQL request) may then skip checking
     * her scope again ({@link #allShown}): for a page of 100 teams the check was a third of the
     * memberships statement (1 of 3 ms). Kept for this unit of work only, so a change of her scope
     * takes effect on the next one, as it would anyway.
     * Only core's own reads write here, after they applied the scope.
     */
    public void shown(Actor actor, Collection<?> facts) {
        if (!facts.isEmpty()) {
            if (shown == null) {
                shown = new HashMap<>();
            }
            shown.computeIfAbsent(actor, a -> new HashSet<>()).addAll(facts);
        }
    }

    /** Whether reads of this unit of work showed {@code actor} every one of {@code facts} ({@link #shown}). */
    public boolean allShown(Actor actor, Collection<?> facts) {
        Set<Object> seen = shown == null ? null : shown.get(actor);
        return seen != null && seen.containsAll(facts);
    }

    /** The feature's mapper (registered with {@link Database#register}), bound to this unit of work. */
    public <M> M mapper(Class<M> type) {
        return session().getMapper(type);
    }

    private SqlSession session() {
        if (session == null) {
            SqlSession opened = opener.get();
            session = opened;
            beforeFirstUse.accept(opened);
        }
        return session;
    }

    /**
     * {@code work} with one generic plan per statement instead of a plan for each call's values
     * (which reads otherwise get, see {@link Database}): for a statement whose best plan does not
     * depend on its values and whose planning costs more than a good part of its run — the
     * memberships of a page of teams, 1.5 ms to plan and 3 to run. The reads' setting is back for
     * the statements after it.
     */
    public <T> T withOnePlan(Function<Tx, T> work) {
        if (!readOnly || onePlan) {
            return work.apply(this); // writes keep PostgreSQL's own choice; an inner call keeps the outer's
        }
        planCache("force_generic_plan");
        onePlan = true;
        T result;
        try {
            result = work.apply(this);
        } catch (RuntimeException e) {
            // The work's own failure is the one reported (a statement timeout stays a timeout). The
            // setting is put back for the reads after it, unless a failed statement aborted the
            // transaction, in which case nothing more runs in it.
            onePlan = false;
            try {
                planCache("force_custom_plan");
            } catch (RuntimeException aborted) {
                e.addSuppressed(aborted);
            }
            throw e;
        }
        onePlan = false;
        planCache("force_custom_plan");
        return result;
    }

    private void planCache(String mode) {
        try (java.sql.Statement st = connection().createStatement()) {
            st.execute("set local plan_cache_mode = " + mode);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set plan_cache_mode", e);
        }
    }

    /** The session, if a statement opened it. */
    SqlSession opened() {
        return session;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** The connection, for {@code COPY} ({@link Copy}) and the advisory locks of the store. */
    Connection connection() {
        return session().getConnection();
    }
}
