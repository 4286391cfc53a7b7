package vn.caunoi.core.adoption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.adoption.Adoption.EventKind;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.ResidentRecords;
import vn.caunoi.core.store.Database;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static vn.caunoi.core.adoption.SmallProvince.V1;
import static vn.caunoi.core.adoption.SmallProvince.V2;
import static vn.caunoi.core.adoption.SmallProvince.V3;

/**
 * The SQL of adoption on {@link SmallProvince}: service "id" (LEVEL_1, LEVEL_2, DOCUMENTS; a step
 * back to LEVEL_1 allowed) and "pay" (OPENED, PAID). Events are written with the mapper's own
 * statements, the way the recorder writes them: the touched residents' contribution to the counts
 * is collected before the event (-1) and after it (+1), and the sum applied to the running counts.
 * The recomputation from the events ({@code countDifferences}) is the judge of the result.
 */
class AdoptionMapperTest {

    static final LocalDate SEPTEMBER = LocalDate.of(2024, 9, 1);
    static final LocalDate OCTOBER = LocalDate.of(2024, 10, 1);
    static final LocalDate NOVEMBER = LocalDate.of(2024, 11, 1);

    static SmallProvince province;
    static Database db;
    static ResidentRecords residents;
    static PersonalDataProtector protector = new PersonalDataProtector(PersonalDataProtector.newKey());
    static long v1;
    static long v2;
    static long v3;

    @BeforeAll
    static void theProvince() {
        province = new SmallProvince();
        db = new Database(province.dataSource);
        db.register(AdoptionMapper.class);
        residents = new ResidentRecords(db);
        v1 = village(V1);
        v2 = village(V2);
        v3 = village(V3);
    }

    @BeforeEach
    void noResidentYet() {
        province.clearResidents();
    }

    static long village(String code) {
        return province.caunoi.hierarchy().unit(Fixtures.SYSTEM, code, SEPTEMBER).orElseThrow().id();
    }

    /** A resident on record (born 1980), with no residence and no event yet. */
    static long resident(int tail) {
        CitizenId id = CitizenId.parse(SmallProvince.citizenId(1980, tail % 2 == 0, tail), null, 2026);
        return residents.register(ResidentRecords.citizenHmac(protector, id), id, null).id();
    }

    static AdoptionRows.EventRow event(long resident, long village, String service, String stage, int order, EventKind kind,
                                       LocalDate on) {
        AdoptionRows.EventRow e = new AdoptionRows.EventRow();
        e.residentId = resident;
        e.villageId = village;
        e.serviceCode = service;
        e.stageCode = stage;
        e.stageOrder = order;
        e.kind = kind;
        e.occurredOn = on;
        e.source = Adoption.Source.SELF_REPORTED;
        return e;
    }

    /**
     * One write of adoption, as the recorder makes it: the gate and the horizon first, then the
     * resident's contribution before (-1), her residence settled, the event, her contribution after
     * (+1), and the difference applied. Returns the new event's id (null when it was on record).
     */
    static Long write(AdoptionRows.EventRow e) {
        return db.inTransaction(tx -> {
            AdoptionMapper m = tx.mapper(AdoptionMapper.class);
            m.adoptionGateShared();
            m.horizon(e.occurredOn);
            Long[] ids = {e.residentId};
            m.prepareDeltas();
            m.collectDeltas(ids, -1);
            residents.settleResidence(e.residentId, e.villageId, e.occurredOn, m.latestEventDay(e.residentId));
            Long id = m.insertEvent(e);
            m.collectDeltas(ids, 1);
            m.applyDeltas();
            m.clearDeltas();
            return id;
        });
    }

    static Long reached(long resident, long village, String service, String stage, int order, LocalDate on) {
        return write(event(resident, village, service, stage, order, EventKind.REACHED, on));
    }

    static List<AdoptionRows.DifferenceRow> differences() {
        return db.readAll(tx -> tx.mapper(AdoptionMapper.class).countDifferences(100));
    }

    @Test
    void counts_written_with_the_deltas_before_and_after_each_event_equal_the_recomputation_day_by_day_and_month_by_month() {
        // given A in Thôn Đông and B in Tổ dân phố 1
        long a = resident(1);
        long b = resident(2);

        // when A reaches LEVEL_1 then LEVEL_2; B reaches LEVEL_1, then LEVEL_2 after moving to Thôn Đoài
        reached(a, v1, "id", "LEVEL_1", 1, SEPTEMBER);
        reached(a, v1, "id", "LEVEL_2", 2, OCTOBER);
        reached(b, v3, "id", "LEVEL_1", 1, OCTOBER);
        reached(b, v2, "id", "LEVEL_2", 2, NOVEMBER);

        // then: entered/left per village, service, stage and day, worked out by hand
        assertThat(province.counts()).containsOnly(
                entry(V1 + "|id|LEVEL_1|2024-09-01", "1/0"),
                entry(V1 + "|id|LEVEL_1|2024-10-01", "0/1"),
                entry(V1 + "|id|LEVEL_2|2024-10-01", "1/0"),
                entry(V3 + "|id|LEVEL_1|2024-10-01", "1/0"),
                entry(V3 + "|id|LEVEL_1|2024-11-01", "0/1"),
                entry(V2 + "|id|LEVEL_2|2024-11-01", "1/0"));
        long differenceCount = db.readAll(tx -> tx.mapper(AdoptionMapper.class).differenceCount());
        List<AdoptionRows.MonthDifferenceRow> monthDifferences = db.readAll(tx -> tx.mapper(AdoptionMapper.class).monthDifferences(100));
        long countRows = db.read(tx -> tx.mapper(AdoptionMapper.class).countRows());
        assertThat(differences()).isEmpty();
        assertThat(differenceCount).isZero();
        assertThat(monthDifferences).isEmpty();
        assertThat(countRows).isEqualTo(6);
    }

    @Test
    void a_fact_sent_again_is_no_new_event_and_its_deltas_cancel_out() {
        // given
        long a = resident(3);
        Long first = reached(a, v1, "id", "LEVEL_1", 1, SEPTEMBER);

        // when
        Long again = reached(a, v1, "id", "LEVEL_1", 1, SEPTEMBER);

        // then
        Long existing = db.read(tx -> tx.mapper(AdoptionMapper.class).existingEvent(event(a, v1, "id", "LEVEL_1", 1, EventKind.REACHED,
                SEPTEMBER)));
        assertThat(again).isNull();
        assertThat(existing).isEqualTo(first);
        assertThat(province.counts()).containsOnly(entry(V1 + "|id|LEVEL_1|2024-09-01", "1/0"));
        assertThat(differences()).isEmpty();
    }

    @Test
    void count_differences_name_each_day_that_an_event_written_without_its_deltas_is_missing_from() {
        // given A at LEVEL_1 since September, counted
        long a = resident(4);
        reached(a, v1, "id", "LEVEL_1", 1, SEPTEMBER);

        // when her LEVEL_2 of October is written without the deltas
        db.inTransaction(tx -> tx.mapper(AdoptionMapper.class).insertEvent(event(a, v1, "id", "LEVEL_2", 2, EventKind.REACHED, OCTOBER)));

        // then: she left LEVEL_1 and entered LEVEL_2 that day, and the stored counts do not say so
        assertThat(differences()).extracting(d -> d.villageId, d -> d.stageCode, d -> d.day, d -> d.storedEntered, d -> d.storedLeft,
                d -> d.recomputedEntered, d -> d.recomputedLeft).containsExactly(
                tuple(v1, "LEVEL_1", OCTOBER, 0L, 0L, 0L, 1L),
                tuple(v1, "LEVEL_2", OCTOBER, 0L, 0L, 1L, 0L));
        long differenceCount = db.readAll(tx -> tx.mapper(AdoptionMapper.class).differenceCount());
        List<AdoptionRows.DifferenceRow> firstOnly = db.readAll(tx -> tx.mapper(AdoptionMapper.class).countDifferences(1));
        assertThat(differenceCount).isEqualTo(2);
        assertThat(firstOnly).extracting(d -> d.stageCode).containsExactly("LEVEL_1");
    }

    @Test
    void statuses_answer_per_service_the_stage_a_resident_stands_at_since_when_and_where_after_a_step_back() {
        // given A: "id" up to DOCUMENTS then a step back to LEVEL_1, "pay" OPENED; B: "pay" up to PAID; C: nothing
        long a = resident(5);
        long b = resident(6);
        long c = resident(7);
        reached(a, v1, "id", "LEVEL_1", 1, SEPTEMBER);
        reached(a, v1, "pay", "OPENED", 1, LocalDate.of(2024, 9, 15));
        reached(a, v1, "id", "DOCUMENTS", 3, OCTOBER);
        write(event(a, v1, "id", "LEVEL_1", 1, EventKind.STEP_BACK, NOVEMBER));
        reached(b, v3, "pay", "OPENED", 1, SEPTEMBER);
        reached(b, v3, "pay", "PAID", 2, LocalDate.of(2024, 10, 20));

        // when
        List<AdoptionRows.StatusRow> statuses = db.read(tx -> tx.mapper(AdoptionMapper.class).statuses(new Long[]{a, b, c}));

        // then
        assertThat(statuses).extracting(s -> s.residentId, s -> s.serviceCode, s -> s.stageCode, s -> s.stageOrder, s -> s.day,
                s -> s.villageId).containsExactly(
                tuple(a, "id", "LEVEL_1", 1, NOVEMBER, v1),
                tuple(a, "pay", "OPENED", 1, LocalDate.of(2024, 9, 15), v1),
                tuple(b, "pay", "PAID", 2, LocalDate.of(2024, 10, 20), v3));
        assertThat(province.atStage(NOVEMBER)).containsOnly(
                entry(V1 + "|id|LEVEL_1", "1"), entry(V1 + "|pay|OPENED", "1"), entry(V3 + "|pay|PAID", "1"));
        assertThat(differences()).isEmpty();
    }

    @Test
    void history_answers_every_event_of_each_resident_in_the_order_they_happened() {
        // given
        long a = resident(8);
        long b = resident(9);
        reached(a, v1, "id", "LEVEL_2", 2, OCTOBER);
        reached(b, v3, "pay", "OPENED", 1, SEPTEMBER);
        reached(a, v1, "id", "LEVEL_1", 1, SEPTEMBER);

        // when
        List<AdoptionRows.EventRow> history = db.read(tx -> tx.mapper(AdoptionMapper.class).history(new Long[]{b, a}));

        // then: by resident, then day; a record of an earlier day sent late takes its place in time
        assertThat(history).extracting(e -> e.residentId, e -> e.stageCode, e -> e.occurredOn).containsExactly(
                tuple(a, "LEVEL_1", SEPTEMBER), tuple(a, "LEVEL_2", OCTOBER), tuple(b, "OPENED", SEPTEMBER));
        assertThat(province.counts()).as("a late record of an earlier stage changes nothing after the later one").containsOnly(
                entry(V1 + "|id|LEVEL_1|2024-09-01", "1/0"),
                entry(V1 + "|id|LEVEL_1|2024-10-01", "0/1"),
                entry(V1 + "|id|LEVEL_2|2024-10-01", "1/0"),
                entry(V3 + "|pay|OPENED|2024-09-01", "1/0"));
        assertThat(differences()).isEmpty();
    }
}
