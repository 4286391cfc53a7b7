package vn.caunoi.core.adoption;

import vn.caunoi.core.adoption.Adoption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.adoption.Adoption.EventKind;
import vn.caunoi.core.adoption.Adoption.NewAdoption;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * For any sequence of records (stages in any order, back-dated records, repeats, step backs, moves
 * between villages), the running counts equal (1) a recomputation from the events and (2) an
 * independent in-memory model of "the furthest stage since the last step back, in the village of
 * residence", on every day.
 */
class AdoptionPropertiesTest {

    static final LocalDate START = LocalDate.of(2025, 3, 1);
    static final String[] VILLAGES = {SmallProvince.V1, SmallProvince.V2, SmallProvince.V3};
    static final Map<String, List<String>> STAGES = Map.of("id", List.of("LEVEL_1", "LEVEL_2", "DOCUMENTS"), "pay", List.of("OPENED", "PAID"));
    static SmallProvince province;

    /** One record: resident 0–2, service, stage, a step back or not, a day (crossing the 2025-07-01 merger), a village. */
    record Op(int resident, String service, int stage, boolean stepBack, int day, int village) {
        LocalDate date() {
            return START.plusDays(day);
        }

        String stageCode() {
            return STAGES.get(service).get(stage % STAGES.get(service).size());
        }

        @Override
        public String toString() {
            return "r" + resident + " " + (stepBack ? "back to " : "") + service + "/" + stageCode() + " on " + date() + " in " + VILLAGES[village];
        }
    }

    static Gen<Op> ops() {
        return integers().between(0, 2).zip(integers().between(0, 1), integers().between(0, 2), integers().between(0, 5),
                (r, s, st, back) -> new int[]{r, s, st, back})
                .zip(integers().between(0, 200), integers().between(0, 2),
                        (a, day, village) -> new Op(a[0], a[1] == 0 ? "id" : "pay", a[2], a[3] == 0, day, village));
    }

    @BeforeAll
    static void province() {
        province = new SmallProvince();
    }

    @Test
    void running_counts_equal_the_recomputation_and_an_independent_model_on_every_day() {
        qt().withFixedSeed(20250701L).withExamples(60).withShrinkCycles(200)
                .forAll(lists().of(ops()).ofSizeBetween(1, 20))
                .checkAssert(ops -> {
                    province.clearResidents();
                    Model model = new Model();
                    int n = 0;
                    for (Op op : ops) {
                        boolean modelRefuses = model.refuses(op);
                        boolean refused = false;
                        try {
                            province.caunoi.adoption().recordAdoption(Fixtures.SYSTEM, new NewAdoption("property-" + (n++), id(op.resident()),
                                    null, null, null, VILLAGES[op.village()], op.service(), op.stageCode(),
                                    op.stepBack() ? EventKind.STEP_BACK : EventKind.REACHED, op.date(), null, null, null, Map.of(), null, false));
                        } catch (InvalidInputException e) {
                            refused = true;
                        }
                        assertThat(refused).as("refused: " + op).isEqualTo(modelRefuses);
                        if (!refused) {
                            model.apply(op);
                        }
                    }
                    Adoption.CountCheck check = province.caunoi.counts().checkCounts(Fixtures.SYSTEM);
                    assertThat(check.differences()).isEmpty();
                    assertThat(check.monthDifferences()).as("monthly levels against the daily counts").isEmpty();
                    for (int day = -1; day <= 201; day += 7) {
                        LocalDate on = START.plusDays(day);
                        assertThat(province.atStage(on)).as("on " + on).isEqualTo(model.atStage(on));
                    }
                });
    }

    static String id(int resident) {
        return SmallProvince.citizenId(1980 + resident, resident % 2 == 1, 500 + resident);
    }

    /** The rules, written again without SQL. */
    static final class Model {
        record Event(String service, int order, boolean stepBack, LocalDate date, int seq) {
        }

        record Residence(int village, LocalDate from) {
        }

        final Map<Integer, List<Event>> events = new HashMap<>();
        final Map<Integer, List<Residence>> residences = new HashMap<>();
        int seq;

        boolean refuses(Op op) {
            if (!op.stepBack()) {
                return false;
            }
            Integer current = statusAt(op.resident(), op.service(), LocalDate.MAX);
            int order = op.stage() % STAGES.get(op.service()).size() + 1;
            return current == null || current <= order || !op.service().equals("id") || order != 1;
        }

        void apply(Op op) {
            List<Event> list = events.computeIfAbsent(op.resident(), k -> new ArrayList<>());
            int order = op.stage() % STAGES.get(op.service()).size() + 1;
            boolean duplicate = list.stream().anyMatch(e -> e.service().equals(op.service()) && e.order() == order
                    && e.stepBack() == op.stepBack() && e.date().equals(op.date()));
            if (!duplicate) {
                list.add(new Event(op.service(), order, op.stepBack(), op.date(), seq++));
            }
            List<Residence> r = residences.computeIfAbsent(op.resident(), k -> new ArrayList<>());
            if (r.isEmpty()) {
                r.add(new Residence(op.village(), LocalDate.MIN));
            } else {
                Residence current = r.get(r.size() - 1);
                LocalDate latestEvent = list.stream().filter(e -> e.seq() != seq - 1 || duplicate).map(Event::date)
                        .max(Comparator.naturalOrder()).orElse(LocalDate.MIN);
                if (current.village() != op.village() && !op.date().isBefore(current.from()) && !op.date().isBefore(latestEvent)) {
                    if (op.date().equals(current.from())) {
                        r.set(r.size() - 1, new Residence(op.village(), current.from()));
                    } else {
                        r.add(new Residence(op.village(), op.date()));
                    }
                }
            }
        }

        /** The stage order after the last event on or before {@code on}: furthest since the last step back. */
        Integer statusAt(int resident, String service, LocalDate on) {
            Integer status = null;
            List<Event> list = new ArrayList<>(events.getOrDefault(resident, List.of()));
            list.sort(Comparator.comparing(Event::date).thenComparing(Event::seq));
            for (Event e : list) {
                if (!e.service().equals(service) || e.date().isAfter(on)) {
                    continue;
                }
                status = e.stepBack() || status == null ? e.order() : Math.max(status, e.order());
            }
            return status;
        }

        int villageAt(int resident, LocalDate on) {
            int village = -1;
            for (Residence r : residences.get(resident)) {
                if (!r.from().isAfter(on)) {
                    village = r.village();
                }
            }
            return village;
        }

        Map<String, String> atStage(LocalDate on) {
            Map<String, Integer> counts = new TreeMap<>();
            for (int resident : events.keySet()) {
                for (String service : STAGES.keySet()) {
                    Integer status = statusAt(resident, service, on);
                    if (status != null) {
                        counts.merge(VILLAGES[villageAt(resident, on)] + "|" + service + "|" + STAGES.get(service).get(status - 1), 1, Integer::sum);
                    }
                }
            }
            Map<String, String> result = new TreeMap<>();
            counts.forEach((k, v) -> result.put(k, v.toString()));
            return result;
        }
    }
}
