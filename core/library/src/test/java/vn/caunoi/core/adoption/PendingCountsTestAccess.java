package vn.caunoi.core.adoption;

import vn.caunoi.core.store.Database;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The counts' pending changes (migration V17) for tests of other packages. */
public final class PendingCountsTestAccess {

    private PendingCountsTestAccess() {
    }

    /**
     * Turns the stored counts of the villages whose id leaves {@code remainder} divided by
     * {@code modulus} back into pending changes, as an import leaves them before its end: each daily
     * count as two changes (its entered, its left), and for each village, service and stage the
     * change of each month from its first stored level up to the horizon (a missing row is a level
     * of 0). A modulus of 1 takes every village.
     */
    public static void unfold(DataSource dataSource, int modulus, int remainder) {
        String chosen = "village_id % " + modulus + " = " + remainder;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("begin");
            st.execute("""
                    insert into adoption_month_pending (service_code, village_id, stage_code, month, delta)
                    select service_code, village_id, stage_code, month, delta from (
                      select k.service_code, k.village_id, k.stage_code, g.month::date as month,
                             coalesce(m.level, 0) - coalesce(lag(m.level) over (partition by k.service_code, k.village_id, k.stage_code
                                                                                order by g.month), 0) as delta
                      from (select service_code, village_id, stage_code, min(month) as first_month from adoption_month
                            where %1$s group by 1, 2, 3) k
                      cross join lateral generate_series(k.first_month::timestamp, (select h.month from adoption_horizon h)::timestamp,
                                                         interval '1 month') g(month)
                      left join adoption_month m on m.service_code = k.service_code and m.village_id = k.village_id
                        and m.stage_code = k.stage_code and m.month = g.month::date
                    ) x
                    where delta <> 0""".formatted(chosen));
            st.execute("delete from adoption_month where " + chosen);
            st.execute("""
                    insert into adoption_count_pending (village_id, service_code, stage_code, day, entered, "left")
                    select village_id, service_code, stage_code, day, entered, 0 from adoption_count where %1$s and entered <> 0
                    union all
                    select village_id, service_code, stage_code, day, 0, "left" from adoption_count where %1$s and "left" <> 0""".formatted(chosen));
            st.execute("delete from adoption_count where " + chosen);
            st.execute("commit");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fold an import runs at its end. */
    public static void fold(DataSource dataSource) {
        Database db = new Database(dataSource);
        db.register(AdoptionMapper.class);
        db.bulk(tx -> {
            AdoptionMapper m = tx.mapper(AdoptionMapper.class);
            m.adoptionGateShared();
            m.foldPendingCounts();
            return m.foldPendingMonths();
        });
    }
}
