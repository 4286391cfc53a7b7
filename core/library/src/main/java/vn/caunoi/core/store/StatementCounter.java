package vn.caunoi.core.store;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the statements MyBatis sends, in all and by name, so that "no N+1" and "no count nobody
 * reads" are numbers a test can check.
 */
@Intercepts({
        @Signature(type = Executor.class, method = "update", args = {MappedStatement.class, Object.class}),
        @Signature(type = Executor.class, method = "query",
                args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
        @Signature(type = Executor.class, method = "query",
                args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class, BoundSql.class}),
        @Signature(type = Executor.class, method = "queryCursor",
                args = {MappedStatement.class, Object.class, RowBounds.class})
})
final class StatementCounter implements Interceptor {

    private final AtomicLong count = new AtomicLong();
    private final Map<String, LongAdder> byName = new ConcurrentHashMap<>();

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        count.incrementAndGet();
        // By the statement's full id (namespace.method): no string is made on this path.
        byName.computeIfAbsent(((MappedStatement) invocation.getArgs()[0]).getId(), k -> new LongAdder()).increment();
        return invocation.proceed();
    }

    /** A statement of MyBatis's configuration run on its connection directly ({@link Tx#rows}). */
    void counted(String statementId) {
        count.incrementAndGet();
        byName.computeIfAbsent(statementId, k -> new LongAdder()).increment();
    }

    long count() {
        return count.get();
    }

    /** How many times statements of this name (a mapper method's, e.g. "countTeams") ran. */
    long count(String name) {
        String suffix = "." + name;
        return byName.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(e -> e.getValue().sum()).sum();
    }
}
