package vn.caunoi.core.adoption;

import vn.caunoi.core.adoption.Adoption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.adoption.Adoption.EventKind;
import vn.caunoi.core.adoption.Adoption.NewAdoption;
import vn.caunoi.core.adoption.Adoption.Recorded;
import vn.caunoi.core.adoption.Adoption.ServiceStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static vn.caunoi.core.adoption.SmallProvince.V1;
import static vn.caunoi.core.adoption.SmallProvince.V2;
import static vn.caunoi.core.adoption.SmallProvince.V3;
import static vn.caunoi.core.adoption.SmallProvince.citizenId;

/** Recording adoption one record at a time: status, running counts, residence, objection, audit. */
class AdoptionTest {

    static final Actor SYSTEM = Fixtures.SYSTEM;
    static final LocalDate D1 = LocalDate.of(2024, 9, 1);
    static final LocalDate D2 = LocalDate.of(2024, 10, 1);
    static final LocalDate D3 = LocalDate.of(2024, 11, 1);
    static SmallProvince province;
    static vn.caunoi.core.CauNoi caunoi;
    static int keys;

    @BeforeAll
    static void province() {
        province = new SmallProvince();
        caunoi = province.caunoi;
    }

    @BeforeEach
    void empty() {
        province.clearResidents();
    }

    static synchronized String nextKey() {
        return "record-key-" + (++keys);
    }

    static Created<Recorded> record(String id, String village, String service, String stage, EventKind kind, LocalDate on) {
        return caunoi.adoption().recordAdoption(SYSTEM, new NewAdoption(nextKey(), id, null, null, null, village, service, stage, kind,
                on, null, null, null, Map.of(), null, false));
    }

    static Created<Recorded> record(String id, String village, String stage, LocalDate on) {
        return record(id, village, "id", stage, EventKind.REACHED, on);
    }

    @Test
    void a_first_record_creates_the_resident_and_counts_one_at_the_stage() {
        String id = citizenId(1985, false, 123456);
        Recorded r = record(id, V1, "LEVEL_1", D1).value();
        assertThat(r.maskedCitizenId()).isEqualTo("•••••••••456");
        assertThat(r.anonymous()).isFalse();
        assertThat(r.status().stage()).isEqualTo("LEVEL_1");
        assertThat(r.status().since()).isEqualTo(D1);
        assertThat(province.counts()).containsExactly(Map.entry(V1 + "|id|LEVEL_1|" + D1, "1/0"));
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();
        assertThat(province.query("select 'x', citizen_masked || ' ' || birth_year || ' ' || sex from resident"))
                .containsEntry("x", "•••••••••456 1985 MALE");
    }

    @Test
    void a_stage_already_reached_changes_no_count_and_a_later_one_moves_the_resident_up() {
        String id = citizenId(1990, true, 1);
        record(id, V1, "LEVEL_2", D2);
        Map<String, String> before = province.counts();
        Recorded again = record(id, V1, "LEVEL_1", D3).value();
        assertThat(province.counts()).isEqualTo(before);
        assertThat(again.status().stage()).isEqualTo("LEVEL_2");
        assertThat(again.event().stage()).isEqualTo("LEVEL_1");

        record(id, V1, "DOCUMENTS", D3);
        assertThat(province.atStage(D3)).containsExactly(Map.entry(V1 + "|id|DOCUMENTS", "1"));
        assertThat(province.atStage(D2)).containsExactly(Map.entry(V1 + "|id|LEVEL_2", "1"));
        assertThat(province.atStage(D1)).isEmpty();
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();
    }

    @Test
    void a_record_dated_before_the_others_rewrites_the_counts_of_the_days_in_between() {
        String id = citizenId(1970, false, 77);
        record(id, V1, "LEVEL_2", D3);
        record(id, V1, "LEVEL_1", D1);
        assertThat(province.atStage(D2)).containsExactly(Map.entry(V1 + "|id|LEVEL_1", "1"));
        assertThat(province.atStage(D3)).containsExactly(Map.entry(V1 + "|id|LEVEL_2", "1"));
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();
    }

    @Test
    void a_step_back_is_an_explicit_event_that_the_plugin_must_allow() {
        String id = citizenId(2001, false, 5);
        record(id, V1, "LEVEL_2", D1);
        Recorded back = record(id, V1, "id", "LEVEL_1", EventKind.STEP_BACK, D2).value();
        assertThat(back.status().stage()).isEqualTo("LEVEL_1");
        assertThat(province.atStage(D2)).containsExactly(Map.entry(V1 + "|id|LEVEL_1", "1"));

        record(id, V1, "pay", "PAID", EventKind.REACHED, D1);
        assertThatThrownBy(() -> record(id, V1, "pay", "OPENED", EventKind.STEP_BACK, D2))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("kind");
                    assertThat(e.reason()).isEqualTo("STEP_BACK_NOT_ALLOWED");
                });
        assertThatThrownBy(() -> record(id, V1, "id", "DOCUMENTS", EventKind.STEP_BACK, D3))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo("NOTHING_TO_STEP_BACK_FROM"));
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();
    }

    @Test
    void a_move_to_another_village_moves_the_resident_s_status_on_that_day() {
        String id = citizenId(1988, true, 42);
        record(id, V1, "LEVEL_1", D1);
        record(id, V2, "pay", "OPENED", EventKind.REACHED, D2);
        assertThat(province.atStage(D1)).containsExactly(Map.entry(V1 + "|id|LEVEL_1", "1"));
        assertThat(province.atStage(D2)).containsOnly(Map.entry(V2 + "|id|LEVEL_1", "1"), Map.entry(V2 + "|pay|OPENED", "1"));
        var record = caunoi.residents().resident(SYSTEM, id).orElseThrow();
        assertThat(record.residences()).hasSize(2);
        assertThat(record.residences().get(0).from()).isNull();
        assertThat(record.residences().get(0).to()).isEqualTo(D2);
        assertThat(record.residences().get(1).from()).isEqualTo(D2);
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();
    }

    @Test
    void a_record_synced_late_from_an_earlier_date_and_another_village_moves_nobody() {
        String id = citizenId(1993, false, 4321);
        record(id, V1, "LEVEL_2", D3);
        record(id, V2, "pay", "OPENED", EventKind.REACHED, D1);
        var r = caunoi.residents().resident(SYSTEM, id).orElseThrow();
        assertThat(r.residences()).hasSize(1);
        assertThat(r.resident().villageId()).isEqualTo(province.caunoi.hierarchy().unit(SYSTEM, V1, D3).orElseThrow().id());
        assertThat(province.atStage(D3)).containsOnly(Map.entry(V1 + "|id|LEVEL_2", "1"), Map.entry(V1 + "|pay|OPENED", "1"));
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();
    }

    @Test
    void bad_input_names_each_field_and_writes_nothing() {
        String id = citizenId(1985, false, 9);
        List<NewAdoption> bad = List.of(
                new NewAdoption("key-bad-1", "12345", null, null, null, V1, "id", "LEVEL_1", null, D1, null, null, null, Map.of(), null, false),
                new NewAdoption("key-bad-2", id, 1986, null, null, V1, "id", "LEVEL_1", null, D1, null, null, null, Map.of(), null, false),
                new NewAdoption("key-bad-3", id, null, CitizenId.Sex.FEMALE, null, V1, "id", "LEVEL_1", null, D1, null, null, null, Map.of(), null, false),
                new NewAdoption("key-bad-4", id, null, null, null, "10001", "id", "LEVEL_1", null, D1, null, null, null, Map.of(), null, false),
                new NewAdoption("key-bad-5", id, null, null, null, "99999.01", "id", "LEVEL_1", null, D1, null, null, null, Map.of(), null, false),
                new NewAdoption("key-bad-6", id, null, null, null, V1, "id", "LEVEL_9", null, D1, null, null, null, Map.of(), null, false),
                new NewAdoption("key-bad-7", id, null, null, null, V1, "nope", "LEVEL_1", null, D1, null, null, null, Map.of(), null, false),
                new NewAdoption("key-bad-8", id, null, null, null, V1, "id", "LEVEL_1", null, D1, null, null, null, Map.of("colour", "red"), null, false),
                new NewAdoption("key-bad-9", id, null, null, null, V1, "id", "LEVEL_1", null, LocalDate.now().plusDays(5), null, null, null, Map.of(), null, false),
                new NewAdoption("bad", id, null, null, null, V1, "id", "LEVEL_1", null, D1, null, null, null, Map.of(), null, false),
                new NewAdoption("key-bad-11", id, null, null, null, V1, "id", "LEVEL_1", null, D1, null, 999_999L, null, Map.of(), null, false));
        List<String> fields = List.of("citizenId", "birthYear", "sex", "village", "village", "stage", "service", "attributes.colour",
                "occurredOn", "idempotencyKey", "supportedBy.team");
        for (int i = 0; i < bad.size(); i++) {
            NewAdoption in = bad.get(i);
            String field = fields.get(i);
            assertThatThrownBy(() -> caunoi.adoption().recordAdoption(SYSTEM, in))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).as(in.idempotencyKey()).isEqualTo(field);
                        assertThat(e.getMessage()).doesNotContain(id).doesNotContain(id.substring(0, 9));
                    });
        }
        assertThat(province.count("resident") + province.count("adoption_event") + province.count("adoption_count")
                + province.count("idempotency_key")).isZero();
    }

    @Test
    void one_key_sent_ten_times_at_once_writes_one_event_and_a_changed_payload_is_refused() throws Exception {
        String id = citizenId(1995, true, 31);
        NewAdoption in = new NewAdoption("same-key-0001", id, 1995, CitizenId.Sex.FEMALE, "HH-1", V1, "id", "LEVEL_1", null, D1, null,
                null, null, Map.of("device", "ANDROID"), null, false);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Created<Recorded>>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> caunoi.adoption().recordAdoption(SYSTEM, in)));
        }
        int replayed = 0;
        long eventId = -1;
        for (Future<Created<Recorded>> f : results) {
            Created<Recorded> c = f.get();
            replayed += c.replayed() ? 1 : 0;
            eventId = eventId < 0 ? c.value().event().id() : eventId;
            assertThat(c.value().event().id()).isEqualTo(eventId);
        }
        pool.shutdown();
        assertThat(replayed).isEqualTo(9);
        assertThat(province.count("adoption_event")).isEqualTo(1);
        assertThat(province.counts()).containsExactly(Map.entry(V1 + "|id|LEVEL_1|" + D1, "1/0"));
        assertThatThrownBy(() -> caunoi.adoption().recordAdoption(SYSTEM, new NewAdoption("same-key-0001", id, 1995, null, "HH-1", V1, "id",
                "LEVEL_2", null, D1, null, null, null, Map.of(), null, false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo("KEY_REUSED"));
    }

    @Test
    void many_writers_on_the_same_counts_at_once_all_succeed_and_the_counts_stay_exact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        String id = citizenId(1960 + i, thread % 2 == 0, thread * 100 + i);
                        String village = (i + thread) % 2 == 0 ? V1 : V2;
                        record(id, village, i % 3 == 0 ? "LEVEL_2" : "LEVEL_1", D1.plusDays(i % 2));
                        record(id, village, "pay", "OPENED", EventKind.REACHED, D1.plusDays(i % 2));
                        if (i % 5 == 4) {
                            caunoi.objections().recordObjection(SYSTEM, id, D2);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            // A failed writer must not leave the others writing into the next test's data.
            pool.shutdownNow();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(caunoi.counts().checkCounts(SYSTEM).differences()).isEmpty();
        Map<String, String> later = province.atStage(D3);
        int total = later.values().stream().mapToInt(Integer::parseInt).sum();
        assertThat(total).isEqualTo(8 * 15 * 2);
    }

    @Test
    void writers_that_are_first_into_a_new_month_at_the_same_moment_never_deadlock() throws Exception {
        // Each round, two transactions start together and both need the horizon of the monthly
        // levels moved on to a month it has not reached: one moves it, the other waits and finds it
        // moved. (Taking it in share mode before asking for it exclusively deadlocked here.)
        int rounds = 40;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(pool.submit(() -> {
                    List<String> horizons = new ArrayList<>();
                    try (java.sql.Connection c = province.dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        for (int round = 0; round < rounds; round++) {
                            together.await(30, TimeUnit.SECONDS);
                            try (java.sql.PreparedStatement st = c.prepareStatement("select caunoi_adoption_horizon(?)")) {
                                st.setObject(1, D1.plusMonths(round).plusDays(9));
                                try (java.sql.ResultSet rs = st.executeQuery()) {
                                    rs.next();
                                    horizons.add(rs.getString(1));
                                }
                            }
                            c.commit();
                        }
                    }
                    return horizons;
                }));
            }
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                expected.add(D1.plusMonths(round).toString());
            }
            for (Future<List<String>> writer : writers) {
                assertThat(writer.get(2, TimeUnit.MINUTES)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(province.query("select 'h', month::text from adoption_horizon"))
                .containsEntry("h", D1.plusMonths(rounds - 1).toString());
    }

    @Test
    void an_officer_who_records_someone_moving_in_sees_only_what_was_recorded_in_her_scope() {
        // Recorded in Thôn Đông of Xã An in 2024; Xã An Bình (10003) exists from 2025-07-01.
        String id = citizenId(1980, false, 777);
        record(id, V1, "LEVEL_2", D1);
        record(id, V1, "pay", "OPENED", EventKind.REACHED, D2);
        long anBinh = province.caunoi.hierarchy().requireUnit(SYSTEM, "unit", "10003", LocalDate.of(2025, 7, 1)).id();
        Actor officer = Actor.user("officer-an-binh", vn.caunoi.core.common.Role.COMMUNE_OFFICER, false, java.util.Set.of(anBinh), null);
        LocalDate moved = LocalDate.of(2025, 8, 1);

        Recorded answer = caunoi.adoption().recordAdoption(officer, new NewAdoption(nextKey(), id, null, null, null, V3, "id", "LEVEL_1",
                EventKind.REACHED, moved, null, null, null, Map.of(), null, false)).value();
        assertThat(answer.status()).as("level 2 was reached outside her scope").isNull();
        Recorded paid = caunoi.adoption().recordAdoption(officer, new NewAdoption(nextKey(), id, null, null, null, V3, "pay", "PAID",
                EventKind.REACHED, moved, null, null, null, Map.of(), null, false)).value();
        assertThat(paid.status().stage()).isEqualTo("PAID");

        Adoption.ResidentRecord seen = caunoi.residents().resident(officer, id).orElseThrow();
        assertThat(seen.history()).extracting(Adoption.AdoptionEvent::occurredOn).containsOnly(moved);
        assertThat(seen.statuses()).extracting(ServiceStatus::service, ServiceStatus::stage).containsExactly(tuple("pay", "PAID"));
        Adoption.ResidentRecord all = caunoi.residents().resident(SYSTEM, id).orElseThrow();
        assertThat(all.history()).hasSize(4);
        assertThat(all.statuses()).extracting(ServiceStatus::service, ServiceStatus::stage)
                .containsExactlyInAnyOrder(tuple("id", "LEVEL_2"), tuple("pay", "PAID"));

        // A refused step back must not tell her the stage reached elsewhere, nor that there is one.
        assertThatThrownBy(() -> caunoi.adoption().recordAdoption(officer, new NewAdoption(nextKey(), id, null, null, null, V3, "id", "LEVEL_1",
                EventKind.STEP_BACK, moved, null, null, null, Map.of(), null, false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo("NOTHING_TO_STEP_BACK_FROM");
                    assertThat(e.getMessage()).doesNotContain("LEVEL_2");
                });
        assertThat(caunoi.residents().resident(SYSTEM, id).orElseThrow().history()).hasSize(4);
    }

    @Test
    void an_objection_taken_outside_the_scope_erases_the_record_without_telling_whether_there_was_one() {
        String id = citizenId(1977, true, 4242);
        record(id, V1, "LEVEL_1", D1);
        long binh = province.caunoi.hierarchy().requireUnit(SYSTEM, "unit", "10002", D1).id();
        Actor elsewhere = Actor.user("officer-binh", vn.caunoi.core.common.Role.COMMUNE_OFFICER, false, java.util.Set.of(binh), null);
        assertThat(caunoi.objections().recordObjection(elsewhere, id, D2)).as("the person lives outside her scope").isFalse();
        assertThat(caunoi.residents().resident(SYSTEM, id)).as("erased all the same").isEmpty();
        assertThat(caunoi.objections().recordObjection(elsewhere, citizenId(1977, true, 4243), D2)).as("nobody on record").isFalse();
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();
    }

    @Test
    void an_objection_erases_the_person_but_keeps_the_counts_as_anonymous_tallies() {
        String id = citizenId(1960, false, 600);
        record(id, V1, "LEVEL_1", D1);
        record(id, V2, "LEVEL_2", D2);
        Map<String, String> before = province.counts();
        assertThat(caunoi.objections().recordObjection(SYSTEM, id, D3)).isTrue();
        assertThat(province.count("resident") + province.count("adoption_event") + province.count("residence")).isZero();
        assertThat(province.counts()).isEqualTo(before);
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();

        Recorded later = record(id, V2, "DOCUMENTS", D3).value();
        assertThat(later.anonymous()).isTrue();
        assertThat(later.event()).isNull();
        assertThat(province.count("resident")).isZero();
        assertThat(province.counts()).containsEntry(V2 + "|id|DOCUMENTS|" + D3, "1/0");
        assertThat(caunoi.counts().checkCounts(SYSTEM).exact()).isTrue();
        assertThat(caunoi.residents().resident(SYSTEM, id)).isEmpty();
    }

    @Test
    void a_person_who_objects_when_first_met_is_only_an_anonymous_tally() {
        String id = citizenId(1975, true, 8);
        Recorded r = caunoi.adoption().recordAdoption(SYSTEM, new NewAdoption("objects-1", id, null, null, null, V1, "pay", "OPENED", null, D1,
                null, null, null, Map.of(), null, true)).value();
        assertThat(r.anonymous()).isTrue();
        assertThat(province.count("resident")).isZero();
        assertThat(province.count("resident_objection")).isEqualTo(1);
        assertThat(province.counts()).containsExactly(Map.entry(V1 + "|pay|OPENED|" + D1, "1/0"));
    }

    @Test
    void every_lookup_of_a_resident_found_or_not_is_audited_with_who_what_and_scope() {
        String id = citizenId(1980, false, 10);
        record(id, V1, "LEVEL_1", D1);
        Actor officer = Actor.user("officer-7", vn.caunoi.core.common.Role.COMMUNE_OFFICER, true, java.util.Set.of(), null);
        var found = caunoi.residents().resident(officer, id).orElseThrow();
        assertThat(found.resident().maskedCitizenId()).isEqualTo("•••••••••010");
        assertThat(found.history()).hasSize(1);
        assertThat(caunoi.residents().resident(officer, citizenId(1980, false, 11))).isEmpty();
        var log = caunoi.auditLog().accessLog(SYSTEM, null, PageRequest.of(10, 0)).items();
        assertThat(log).hasSizeGreaterThanOrEqualTo(2);
        assertThat(log.get(0).actor()).isEqualTo("officer-7");
        assertThat(log.get(0).detail()).isEqualTo("not found");
        assertThat(log.get(1).residentId()).isEqualTo(found.resident().id());
        assertThat(log.get(1).scope()).isEqualTo("COMMUNE_OFFICER:ALL");
        assertThat(log.get(1).action()).isEqualTo("RESIDENT_LOOKUP");
    }

    @Test
    void no_table_holds_a_citizen_id_in_clear() {
        List<String> ids = List.of(citizenId(1985, false, 314159), citizenId(2004, true, 271828));
        record(ids.get(0), V1, "LEVEL_1", D1);
        record(ids.get(1), V2, "LEVEL_2", D2);
        caunoi.residents().resident(SYSTEM, ids.get(0));
        caunoi.objections().recordObjection(SYSTEM, ids.get(1), D3);
        List<String> text = province.allText();
        assertThat(text).isNotEmpty();
        for (String id : ids) {
            assertThat(text).noneMatch(v -> v.contains(id) || v.contains(id.substring(0, 9)));
        }
    }
}
