package vn.caunoi.core.adoption;

import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.spi.AttributeProblem;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-made province for resident tests: two communes with three villages (10001.01, 10001.02,
 * 10002.01) merged into 10003 on 2025-07-01, an "id" service with three stages that allows a step
 * back from the second or third to the first, and a "pay" service that allows none.
 */
final class SmallProvince {

    static final String V1 = "10001.01";
    static final String V2 = "10001.02";
    static final String V3 = "10002.01";

    final DataSource dataSource = TestDatabases.freshDatabase();
    final CauNoi caunoi = CauNoi.create(dataSource, PersonalDataProtector.newKey());

    SmallProvince() {
        caunoi.hierarchyImporter().importSnapshot(Fixtures.SYSTEM, "list.csv", bytes("""
                province_code,province_name,district_code,district_name,district_kind,commune_code,commune_name,commune_kind,village_code,village_name,village_kind
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.01,Thôn Đông,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.02,Thôn Đoài,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10002,Phường Bình,Phường,10002.01,Tổ dân phố 1,Tổ dân phố
                """), LocalDate.of(2024, 5, 1));
        caunoi.hierarchyImporter().importChanges(Fixtures.SYSTEM, "changes.csv", bytes("""
                effective_date,level,new_code,new_name,old_code,old_name,share,legal_basis
                2025-07-01,COMMUNE,10003,Xã An Bình,10001,Xã An,full,test
                2025-07-01,COMMUNE,10003,Xã An Bình,10002,Phường Bình,full,test
                """), "after.csv", bytes("""
                province_code,province_name,commune_code,commune_name,commune_kind
                10,Tỉnh Thử,10003,Xã An Bình,Xã
                """));
        caunoi.digitalServices().register(Fixtures.SYSTEM, "test", "1.0.0", List.of(
                service("id", true, "LEVEL_1", "LEVEL_2", "DOCUMENTS"), service("pay", false, "OPENED", "PAID")));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static DigitalService service(String code, boolean stepBackToFirst, String... stages) {
        ServiceDescriptor.Builder b = ServiceDescriptor.builder(code).name("Dịch vụ " + code, "Service " + code)
                .description("Mô tả", "Description").eligibility(Eligibility.personsFrom(14, null));
        for (String s : stages) {
            b.stage(Stage.of(s, s.toLowerCase(), s.toLowerCase()));
        }
        ServiceDescriptor d = b.build();
        return new DigitalService() {
            @Override
            public ServiceDescriptor descriptor() {
                return d;
            }

            @Override
            public List<AttributeProblem> validate(String stage, Map<String, String> attributes) {
                return attributes.keySet().stream().filter(k -> !k.equals("device")).sorted()
                        .map(k -> AttributeProblem.of(k, "UNKNOWN_ATTRIBUTE", "không có " + k, "no attribute " + k)).toList();
            }

            @Override
            public boolean allowsStepBack(String fromStage, String toStage) {
                return stepBackToFirst && toStage.equals(stages[0]);
            }
        };
    }

    /** A valid citizen ID: a province code, the century-and-sex digit, the year and six digits. */
    static String citizenId(int year, boolean female, int tail) {
        return "034" + ((year - 1900) / 100 * 2 + (female ? 1 : 0)) + String.format("%02d", year % 100) + String.format("%06d", tail);
    }

    /** Every running-count row: village code | service | stage | day → entered/left. */
    Map<String, String> counts() {
        return query("""
                select u.code || '|' || c.service_code || '|' || c.stage_code || '|' || c.day, c.entered || '/' || c."left"
                from adoption_count c join admin_unit u on u.id = c.village_id""");
    }

    /** Residents at each stage in each village on a date, from the running counts: village|service|stage → n. */
    Map<String, String> atStage(LocalDate on) {
        return query("""
                select u.code || '|' || c.service_code || '|' || c.stage_code, sum(c.entered - c."left")::text
                from adoption_count c join admin_unit u on u.id = c.village_id
                where c.day <= '%s' group by 1 having sum(c.entered - c."left") <> 0""".formatted(on));
    }

    long count(String table) {
        return Long.parseLong(query("select 'n', count(*)::text from " + table).get("n"));
    }

    Map<String, String> query(String sql) {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Every text value of every table of the database, for scans: table.column → values. */
    List<String> allText() {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("select t::text from " + t + " t")) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /** Empties the resident tables and import jobs (as a replica session: the append-only triggers do not fire). */
    void clearResidents() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("begin");
            st.execute("set local session_replication_role = replica");
            st.execute("delete from adoption_event");
            st.execute("delete from residence");
            st.execute("delete from resident");
            st.execute("delete from resident_objection");
            st.execute("delete from adoption_count");
            st.execute("delete from anonymous_adoption");
            st.execute("delete from adoption_month");
            st.execute("delete from adoption_month_pending");
            st.execute("delete from adoption_count_pending");
            st.execute("update adoption_horizon set month = null");
            st.execute("delete from idempotency_key");
            st.execute("delete from import_rejection");
            st.execute("delete from population");
            st.execute("delete from import_job");
            st.execute("commit");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
