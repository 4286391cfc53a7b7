package vn.caunoi.core.resident;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.store.Database;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The SQL of residents, residences, objections and the audit log, on the two communes merged on
 * 2025-07-01 ({@link Fixtures#importTwoCommunesMergedIn2025}). Each test writes with the mapper and
 * rolls back. A citizen is known by a keyed HMAC; here any 32 bytes stand for one.
 */
class ResidentMapperTest {

    static final LocalDate FIRST_LIST = LocalDate.of(2024, 5, 1);

    static Database db;
    static long anBinh;
    static long an;
    static long dong;
    static long doai;
    static long toDanPho;

    @BeforeAll
    static void theMergedCommunes() {
        DataSource data = TestDatabases.freshDatabase();
        CauNoi caunoi = CauNoi.create(data);
        db = new Database(data);
        db.register(ResidentMapper.class);
        Fixtures.importTwoCommunesMergedIn2025(caunoi.hierarchyImporter());
        anBinh = caunoi.hierarchy().unit(Fixtures.SYSTEM, "10003", LocalDate.of(2025, 7, 1)).orElseThrow().id();
        an = caunoi.hierarchy().unit(Fixtures.SYSTEM, "10001", FIRST_LIST).orElseThrow().id();
        dong = caunoi.hierarchy().unit(Fixtures.SYSTEM, "10001.01", FIRST_LIST).orElseThrow().id();
        doai = caunoi.hierarchy().unit(Fixtures.SYSTEM, "10001.02", FIRST_LIST).orElseThrow().id();
        toDanPho = caunoi.hierarchy().unit(Fixtures.SYSTEM, "10002.01", FIRST_LIST).orElseThrow().id();
    }

    static void rolledBack(Consumer<ResidentMapper> test) {
        Fixtures.rolledBack(db, tx -> test.accept(tx.mapper(ResidentMapper.class)));
    }

    static byte[] hmac(int n) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) n);
        return bytes;
    }

    static ResidentRows.ResidentRow resident(byte[] hmac, String lastThree, int birthYear, CitizenId.Sex sex) {
        ResidentRows.ResidentRow row = new ResidentRows.ResidentRow();
        row.citizenHmac = hmac;
        row.citizenMasked = "•••••••••" + lastThree;
        row.birthYear = birthYear;
        row.sex = sex;
        return row;
    }

    @Test
    void a_second_insert_of_a_citizen_on_record_changes_nothing_and_resident_by_hmac_finds_the_first() {
        rolledBack(m -> {
            // given
            int first = m.insertResident(resident(hmac(1), "456", 1985, CitizenId.Sex.FEMALE));

            // when
            int again = m.insertResident(resident(hmac(1), "999", 1990, CitizenId.Sex.MALE));
            m.insertResident(resident(hmac(2), "123", 1970, CitizenId.Sex.MALE));
            ResidentRows.ResidentRow found = m.residentByHmac(hmac(1));
            ResidentRows.ResidentRow other = m.residentByHmac(hmac(2));

            // then
            assertThat(first).isEqualTo(1);
            assertThat(again).isZero();
            assertThat(found.citizenMasked).isEqualTo("•••••••••456");
            assertThat(found.birthYear).isEqualTo(1985);
            assertThat(found.sex).isEqualTo(CitizenId.Sex.FEMALE);
            assertThat(found.villageId).as("no residence yet").isNull();
            assertThat(m.residentByHmac(hmac(3))).isNull();
            assertThat(m.residentsByIds(new Long[]{other.id, found.id})).as("by id: in the order they were created")
                    .extracting(r -> r.citizenMasked).containsExactly("•••••••••456", "•••••••••123");
        });
    }

    @Test
    void a_first_residence_stands_for_all_earlier_time_and_a_move_ends_it_where_the_next_begins() {
        rolledBack(m -> {
            // given a resident of Thôn Đông since before records began
            m.insertResident(resident(hmac(4), "321", 1960, CitizenId.Sex.MALE));
            long id = m.residentByHmac(hmac(4)).id;
            m.insertResidence(id, dong, null);

            // when she moves to Tổ dân phố 1 on 2025-03-01, which is corrected the same day to Thôn Đoài
            int ended = m.endResidence(id, LocalDate.MIN, LocalDate.of(2025, 3, 1));
            m.insertResidence(id, toDanPho, LocalDate.of(2025, 3, 1));
            int corrected = m.changeResidenceVillage(id, LocalDate.of(2025, 3, 1), doai);

            // then: the first interval is stored from -infinity and read back as open at its start
            assertThat(ended).isEqualTo(1);
            assertThat(corrected).isEqualTo(1);
            List<ResidentRows.ResidenceRow> residences = m.residences(new Long[]{id});
            assertThat(residences).extracting(ResidentRows.ResidenceRow::residence).containsExactly(
                    new Residents.Residence(dong, null, LocalDate.of(2025, 3, 1)),
                    new Residents.Residence(doai, LocalDate.of(2025, 3, 1), null));
            assertThat(m.residentByHmac(hmac(4)).villageId).as("the village of the latest residence").isEqualTo(doai);
        });
    }

    @Test
    void an_objection_is_recorded_once_and_known_afterwards() {
        rolledBack(m -> {
            // given
            boolean before = m.objected(hmac(5));

            // when
            int first = m.insertObjection(hmac(5), LocalDate.of(2025, 5, 1));
            int again = m.insertObjection(hmac(5), LocalDate.of(2025, 6, 1));

            // then
            assertThat(before).isFalse();
            assertThat(first).isEqualTo(1);
            assertThat(again).isZero();
            assertThat(m.objected(hmac(5))).isTrue();
            assertThat(m.objected(hmac(6))).isFalse();
        });
    }

    @Test
    void the_access_log_of_a_scope_shows_the_reads_of_residents_living_in_it_on_the_day_of_the_read_and_the_reads_of_no_one() {
        rolledBack(m -> {
            // given three reads today: of a resident of Thôn Đông, of one of Tổ dân phố 1, and an export about no one
            m.audit("lan", "RESIDENT_READ", 101L, dong, "COMMUNE_OFFICER:" + an, "history of vneid");
            m.audit("minh", "RESIDENT_READ", 102L, toDanPho, "COMMUNE_OFFICER:" + anBinh, "status");
            m.audit("system", "AUDIT_EXPORT", null, null, "ALL", null);

            // when
            List<ResidentRows.AccessRow> ofDong = m.accessLog(null, new Long[]{dong}, 0, 10);
            long inAnBinh = m.accessCount(null, new Long[]{anBinh});
            long inAn = m.accessCount(null, new Long[]{an});
            List<ResidentRows.AccessRow> ofOneResident = m.accessLog(101L, null, 0, 10);
            List<ResidentRows.AccessRow> all = m.accessLog(null, null, 0, 10);

            // then: newest first; today both villages are in Xã An Bình and none in Xã An, which has ended
            assertThat(ofDong).extracting(r -> r.actor, r -> r.residentId).containsExactly(tuple("system", null), tuple("lan", 101L));
            assertThat(m.accessCount(null, new Long[]{dong})).isEqualTo(2);
            assertThat(inAnBinh).isEqualTo(3);
            assertThat(inAn).isEqualTo(1);
            assertThat(ofOneResident).extracting(r -> r.action, r -> r.detail).containsExactly(tuple("RESIDENT_READ", "history of vneid"));
            assertThat(all).extracting(r -> r.actor).containsExactly("system", "minh", "lan");
        });
    }
}
