package vn.caunoi.testkit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts stored running counts back into the tables of an import's pending changes (migration V17 of
 * core), as an import leaves them before its end: for tests and benchmarks of what readers see then.
 */
public final class PendingCounts {

    private PendingCounts() {
    }

    /**
     * For the villages whose id leaves {@code remainder} divided by {@code modulus} (a modulus of 1
     * takes every village), moves part of every count into pending changes: the larger half of each
     * daily entered and left count (so most keys end up both stored and pending), and the larger half
     * of each monthly level as the change of each month from the key's first level up to the horizon
     * (a missing row is a level of 0; a level left at 0 is deleted). Readers must see the same counts
     * before and after; a fold must bring back the same rows.
     */
    public static void unfold(DataSource dataSource, int modulus, int remainder) {
        String chosen = "village_id % " + modulus + " = " + remainder;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("begin");
            st.execute("""
                    insert into adoption_count_pending (village_id, service_code, stage_code, day, entered, "left")
                    select village_id, service_code, stage_code, day, entered - entered / 2, 0 from adoption_count
                    where %1$s and entered - entered / 2 <> 0
                    union all
                    select village_id, service_code, stage_code, day, 0, "left" - "left" / 2 from adoption_count
                    where %1$s and "left" - "left" / 2 <> 0""".formatted(chosen));
            st.execute("update adoption_count set entered = entered / 2, \"left\" = \"left\" / 2 where " + chosen);
            st.execute("""
                    insert into adoption_month_pending (service_code, village_id, stage_code, month, delta)
                    select service_code, village_id, stage_code, month, delta from (
                      select k.service_code, k.village_id, k.stage_code, g.month::date as month,
                             coalesce(m.level - m.level / 2, 0)
                             - coalesce(lag(m.level - m.level / 2) over (partition by k.service_code, k.village_id, k.stage_code
                                                                        order by g.month), 0) as delta
                      from (select service_code, village_id, stage_code, min(month) as first_month from adoption_month
                            where %1$s group by 1, 2, 3) k
                      cross join lateral generate_series(k.first_month::timestamp, (select h.month from adoption_horizon h)::timestamp,
                                                         interval '1 month') g(month)
                      left join adoption_month m on m.service_code = k.service_code and m.village_id = k.village_id
                        and m.stage_code = k.stage_code and m.month = g.month::date
                    ) x
                    where delta <> 0""".formatted(chosen));
            st.execute("update adoption_month set level = level / 2 where " + chosen);
            st.execute("delete from adoption_month where level = 0 and " + chosen);
            st.execute("commit");
        } catch (SQLException e) {
            throw new IllegalStateException("could not put the counts back into pending changes", e);
        }
    }
}
