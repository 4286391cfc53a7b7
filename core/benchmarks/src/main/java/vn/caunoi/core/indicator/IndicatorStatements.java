package vn.caunoi.core.indicator;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import vn.caunoi.core.hierarchy.UnitLevel;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.List;

/**
 * The indicator benchmark's window on the statements of {@code IndicatorMapper.xml}, one by one.
 * It lives in the benchmarks module, in the library's package so that it may reach the
 * package-private mapper: the library itself offers no such access, and this class ships in no
 * artifact but the benchmarks'.
 */
public final class IndicatorStatements {

    /** The units of an area: all of them, and its villages. */
    public record Area(Long[] ids, Long[] villages) {
    }

    private IndicatorStatements() {
    }

    /** A MyBatis session factory of its own over {@code dataSource}, with the indicator mapper only. */
    public static SqlSessionFactory sessions(DataSource dataSource) {
        Configuration configuration = new Configuration(new Environment("benchmark", new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.addMapper(IndicatorMapper.class);
        return new SqlSessionFactoryBuilder().build(configuration);
    }

    public static Area area(SqlSession s, long underId, LocalDate asOf) {
        List<IndicatorRows.AreaRow> rows = s.getMapper(IndicatorMapper.class).area(underId, asOf);
        return new Area(rows.stream().map(a -> a.id).toArray(Long[]::new),
                rows.stream().filter(a -> a.level == UnitLevel.VILLAGE).map(a -> a.id).toArray(Long[]::new));
    }

    public static List<Long> ancestorIds(SqlSession s, long underId, LocalDate asOf) {
        return s.getMapper(IndicatorMapper.class).ancestorIds(underId, asOf);
    }

    public static int adopters(SqlSession s, String service, String[] stages, String[] days, LocalDate asOf, Long[] ids, Long[] villages) {
        return s.getMapper(IndicatorMapper.class).adopters(service, stages, days, asOf, ids, villages).size();
    }

    public static List<Integer> populationYears(SqlSession s, int year) {
        return s.getMapper(IndicatorMapper.class).populationYears(year);
    }

    public static int eligible(SqlSession s, int year, LocalDate figuresDate, LocalDate asOf, Long[] ids, String subject, int minAge,
                               Integer maxAge) {
        return s.getMapper(IndicatorMapper.class).eligible(year, figuresDate, asOf, ids, subject, minAge, maxAge).size();
    }

    public static int targetsOf(SqlSession s, Long[] ids, String service, String stage) {
        return s.getMapper(IndicatorMapper.class).targetsOf(ids, service, stage).size();
    }
}
