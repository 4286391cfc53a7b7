package vn.caunoi.core.hierarchy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad files are refused whole: every problem names file, line, column and reason, and nothing changes. */
class ImportValidationTest {

    static final Actor SYSTEM = Actor.system();
    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final String HEADER = "effective_date,level,new_code,new_name,old_code,old_name,share,legal_basis";
    static DataSource dataSource;
    static HierarchyImporter importer;

    @BeforeAll
    static void aSmallProvince() {
        dataSource = TestDatabases.freshDatabase();
        CauNoi caunoi = CauNoi.create(dataSource);
        importer = caunoi.hierarchyImporter();
        importer.importSnapshot(SYSTEM, "first.csv", bytes("""
                province_code,province_name,district_code,district_name,district_kind,commune_code,commune_name,commune_kind
                10,Tỉnh Thái Bình,100,Huyện Hưng Hà,Huyện,10001,Xã Tân Hòa,Xã
                10,Tỉnh Thái Bình,100,Huyện Hưng Hà,Huyện,10002,Xã Hồng An,Xã
                10,Tỉnh Thái Bình,101,Huyện Vũ Thư,Huyện,10003,Xã Tân Hòa,Xã
                """), FIRST);
        importer.importChanges(SYSTEM, "later.csv", bytes(HEADER + ",new_parent_code\n"
                + "2024-06-01,COMMUNE,10002,Xã Hồng An,10002,Xã Hồng An,full,test,101\n"));
    }

    @Test
    void a_row_with_the_wrong_number_of_fields() {
        assertRefused(() -> importer.importChanges(SYSTEM, "bad.csv", bytes(HEADER + "\n"
                        + "2024-07-01,COMMUNE,10001,Xã Tân Hòa Mới,10001,Xã Tân Hòa,full\n")),
                "bad.csv", 2, null, "expected 8 fields, found 7");
    }

    @Test
    void an_effective_date_that_is_not_a_date() {
        assertRefused(() -> importer.importChanges(SYSTEM, "bad.csv", bytes(HEADER + "\n"
                        + "2024-13-01,COMMUNE,10001,Xã Tân Hòa Mới,10001,Xã Tân Hòa,full,x\n")),
                "bad.csv", 2, "effective_date", "is not a date");
    }

    @Test
    void an_unknown_old_code() {
        assertRefused(() -> importer.importChanges(SYSTEM, "bad.csv", bytes(HEADER + "\n"
                        + "2024-07-01,COMMUNE,10001,Xã Tân Hòa,10001,Xã Tân Hòa,full,x\n"
                        + "2024-07-01,COMMUNE,10001,Xã Tân Hòa,19999,Xã Ma,full,x\n")),
                "bad.csv", 3, "old_code", "no unit has code 19999 on 2024-06-30");
    }

    @Test
    void an_old_name_that_is_not_the_units_name() {
        assertRefused(() -> importer.importChanges(SYSTEM, "bad.csv", bytes(HEADER + "\n"
                        + "2024-07-01,COMMUNE,10001,Xã Tân Hòa Mới,10001,Xã Hồng An,full,x\n")),
                "bad.csv", 2, "old_name", "is not the name of unit 10001");
    }

    @Test
    void an_unknown_parent_code() {
        assertRefused(() -> importer.importChanges(SYSTEM, "bad.csv", bytes(HEADER + ",new_parent_code\n"
                        + "2024-07-01,COMMUNE,10001,Xã Tân Hòa,10001,Xã Tân Hòa,full,x,777\n")),
                "bad.csv", 2, "new_parent_code", "no unit has code 777");
    }

    @Test
    void a_change_that_would_make_a_cycle() {
        assertRefused(() -> importer.importChanges(SYSTEM, "bad.csv", bytes(HEADER + ",new_parent_code\n"
                        + "2024-07-01,DISTRICT,100,Huyện Hưng Hà,100,Huyện Hưng Hà,full,x,10001\n")),
                "bad.csv", 2, "new_parent_code", "would make a cycle");
    }

    @Test
    void a_code_still_in_use_cannot_be_given_to_a_new_unit() {
        assertRefused(() -> importer.importChanges(SYSTEM, "bad.csv", bytes(HEADER + "\n"
                        + "2024-07-01,COMMUNE,10003,Xã Hồng An Mới,10002,Xã Hồng An,full,x\n")),
                "bad.csv", 2, "new_code", "code 10003 still belongs to Xã Tân Hòa");
    }

    @Test
    void changes_before_the_latest_recorded_change_would_overlap_history() {
        assertRefused(() -> importer.importChanges(SYSTEM, "old.csv", bytes(HEADER + "\n"
                        + "2024-03-01,COMMUNE,10001,Xã Tân Hòa Mới,10001,Xã Tân Hòa,full,x\n")),
                "old.csv", 2, "effective_date", "already has changes on or after 2024-03-01");
    }

    @Test
    void a_split_needs_every_part_and_a_full_share_only_one_destination() {
        ImportRejectedException e = refused(() -> importer.importChanges(SYSTEM, "bad.csv", bytes(HEADER + "\n"
                + "2024-07-01,COMMUNE,10011,Xã Bắc,10001,Xã Tân Hòa,partial,x\n"
                + "2024-07-01,COMMUNE,10012,Xã Nam,10003,Xã Tân Hòa,full,x\n"
                + "2024-07-01,COMMUNE,10013,Xã Đông,10003,Xã Tân Hòa,full,x\n")));
        assertThat(e.problems()).extracting(ImportProblem::line, ImportProblem::column)
                .contains(org.assertj.core.groups.Tuple.tuple(2, "share"), org.assertj.core.groups.Tuple.tuple(4, "share"));
    }

    @Test
    void a_snapshot_listing_a_commune_twice_or_with_a_bad_code() {
        ImportRejectedException e = refused(() -> importer.importSnapshot(SYSTEM, "list.csv", bytes("""
                province_code,province_name,commune_code,commune_name,commune_kind
                10,Tỉnh Thái Bình,10001,Xã Tân Hòa,Xã
                10,Tỉnh Thái Bình,10001,Xã Tân Hòa,Xã
                10,Tỉnh Thái Bình,1000X,Xã Lạ,Xã
                """), LocalDate.of(2024, 8, 1)));
        assertThat(e.problems()).extracting(ImportProblem::line, ImportProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "commune_code"), org.assertj.core.groups.Tuple.tuple(4, "commune_code"));
    }

    @Test
    void a_file_that_is_not_utf8_or_has_unknown_columns() {
        assertRefused(() -> importer.importChanges(SYSTEM, "latin1.csv", (HEADER + "\n2024-07-01,COMMUNE,10001,Xã Tân Hòa,10001,Xã Tân Hòa,full,x\n")
                .getBytes(StandardCharsets.ISO_8859_1)), "latin1.csv", 1, null, "not UTF-8");
        assertRefused(() -> importer.importChanges(SYSTEM, "cols.csv", bytes(HEADER + ",colour\n")), "cols.csv", 1, "colour", "unknown column");
    }

    @Test
    void a_snapshot_that_contradicts_history_already_recorded_after_its_date() {
        assertRefused(() -> importer.importSnapshot(SYSTEM, "list.csv", bytes("""
                province_code,province_name,commune_code,commune_name,commune_kind
                10,Tỉnh Thái Bình,10001,Xã Tân Hòa,Xã
                """), LocalDate.of(2024, 3, 1)), "list.csv", 1, null, "differs from the hierarchy on 2024-03-01");
    }

    @Test
    void a_list_writing_the_old_tone_placement_or_decomposed_unicode_confirms_the_same_units() {
        String list = """
                province_code,province_name,district_code,district_name,district_kind,commune_code,commune_name,commune_kind
                10,Tỉnh Thái Bình,100,Huyện Hưng Hà,Huyện,10001,Xã Tân Hoà,Xã
                10,Tỉnh Thái Bình,101,Huyện Vũ Thư,Huyện,10002,Xã Hồng An,Xã
                10,Tỉnh Thái Bình,101,Huyện Vũ Thư,Huyện,10003,%s,Xã
                """.formatted(java.text.Normalizer.normalize("Xã Tân Hòa", java.text.Normalizer.Form.NFD));
        ImportResult r = importer.importSnapshot(SYSTEM, "same-names.csv", bytes(list), LocalDate.of(2024, 6, 1));
        assertThat(r.unitsCreated() + r.unitsEnded() + r.unitsMoved()).isZero();
        assertThat(r.changes()).isEmpty();
    }

    private static ImportRejectedException refused(ThrowingCallable call) {
        String before = fingerprint();
        ImportRejectedException e = catchThrowableOfType(ImportRejectedException.class, call);
        assertThat(e).as("the import is refused").isNotNull();
        assertThat(fingerprint()).as("nothing was written").isEqualTo(before);
        assertThat(e.code()).isEqualTo("IMPORT_REJECTED");
        return e;
    }

    private static void assertRefused(ThrowingCallable call, String file, int line, String column, String reason) {
        ImportRejectedException e = refused(call);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.column()).isEqualTo(column);
            assertThat(p.reason()).contains(reason);
        });
    }

    /** Every row of every hierarchy table, hashed: equal before and after means nothing was written. */
    private static String fingerprint() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select (select md5(coalesce(string_agg(t::text, '|' order by id), '')) from admin_unit t)
                         || (select md5(coalesce(string_agg(t::text, '|' order by unit_id, valid_from), '')) from admin_unit_parent t)
                         || (select md5(coalesce(string_agg(t::text, '|' order by id), '')) from unit_change t)
                         || (select count(*) from hierarchy_import)""")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
