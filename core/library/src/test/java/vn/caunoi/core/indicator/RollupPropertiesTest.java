package vn.caunoi.core.indicator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.adoption.PendingCountsTestAccess;
import vn.caunoi.core.hierarchy.HierarchyModel;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.RateQuery;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.testkit.PendingCounts;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Rollups through a changing map, for any generated hierarchy (renames, mergers, partial splits,
 * moves, district mergers and the end of districts, villages following their communes) and any
 * generated records and population figures, on every map date:
 * <ul>
 *   <li>a parent's adopters and eligible population are the sums of its children's;</li>
 *   <li>each commune's adopters are exactly the residents (at the stage or further on the day)
 *       whose village lies in it on that map, by an independent model;</li>
 *   <li>the province totals are the same on every map: nothing is lost or counted twice when the
 *       map changes.</li>
 * </ul>
 */
class RollupPropertiesTest {

    static final String[] STAGES = {"LEVEL_1", "LEVEL_2", "DOCUMENTS"};
    static DataSource dataSource;
    static CauNoi caunoi;

    @BeforeAll
    static void database() {
        dataSource = TestDatabases.freshDatabase();
        caunoi = CauNoi.create(dataSource, PersonalDataProtector.newKey());
    }

    @Test
    void rollups_add_up_follow_the_villages_and_lose_nothing_on_any_map() {
        qt().withFixedSeed(Long.getLong("rollup.seed", 20250701L)).withExamples(25).withShrinkCycles(40)
                .forAll(lists().of(integers().between(0, 40)).ofSizeBetween(4, 16), integers().between(0, 1_000_000))
                .checkAssert(this::check);
    }

    record Event(int resident, String village, int stage, LocalDate day) {
    }

    void check(List<Integer> seed, int dataSeed) {
        HierarchyModel model = HierarchyModel.from(seed, true);
        reset();
        for (HierarchyModel.Step step : model.steps) {
            if (step.changes() == null) {
                caunoi.hierarchyImporter().importSnapshot(Fixtures.SYSTEM, step.snapshotName(), bytes(step.snapshot()), step.date());
            } else {
                caunoi.hierarchyImporter().importChanges(Fixtures.SYSTEM, step.changeName(), bytes(step.changes()));
            }
        }
        caunoi.digitalServices().register(Fixtures.SYSTEM, "test", "1", List.of(
                TinyProvince.service("id", Eligibility.personsFrom(14, null), "LEVEL_2", STAGES)));
        LocalDate last = model.steps.get(model.steps.size() - 1).date();
        List<String> villages = model.expected.get(HierarchyModel.START).keySet().stream().filter(c -> c.contains(".")).toList();

        // Generated records: residents living in one village each, reaching stages on random days.
        SplittableRandom random = new SplittableRandom(dataSeed);
        List<Event> events = new ArrayList<>();
        // Records up to two months after the last change, and never in the future.
        int span = (int) (Math.min(last.plusDays(60).toEpochDay(), LocalDate.now().toEpochDay()) - HierarchyModel.START.toEpochDay());
        int residents = 3 + random.nextInt(25);
        StringBuilder csv = new StringBuilder("citizen_id,birth_year,village_code,service,stage,occurred_on\n");
        for (int r = 1; r <= residents; r++) {
            String village = villages.get(random.nextInt(villages.size()));
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                Event ev = new Event(r, village, random.nextInt(3), HierarchyModel.START.plusDays(random.nextInt(span)));
                events.add(ev);
                csv.append(vn.caunoi.core.Fixtures.citizenId(r, 1980, false)).append(",1980,").append(village).append(",id,")
                        .append(STAGES[ev.stage()]).append(',').append(ev.day()).append('\n');
            }
        }
        importFile(ImportJob.Kind.ADOPTION, csv.toString());
        // Population of 2024 (the map of 1 July 2024): some communes, some villages.
        LocalDate figureDay = LocalDate.of(2024, 7, 1);
        Map<String, String> figureMap = on(model, figureDay);
        StringBuilder population = new StringBuilder("unit_code,year,age_from,age_to,persons\n");
        figureMap.forEach((code, parent) -> {
            boolean village = code.contains(".");
            boolean commune = !village && figureMap.containsValue(code) && figureMap.entrySet().stream()
                    .anyMatch(x -> x.getValue().equals(code) && x.getKey().contains("."));
            if ((village && random.nextInt(3) == 0) || (commune && random.nextInt(4) != 0)) {
                if (random.nextBoolean()) {
                    population.append(code).append(",2024,0,,").append(random.nextInt(900)).append('\n');
                } else {
                    population.append(code).append(",2024,0,13,").append(random.nextInt(300)).append('\n')
                            .append(code).append(",2024,14,,").append(random.nextInt(900)).append('\n');
                }
            }
        });
        importFile(ImportJob.Kind.POPULATION, population.toString());

        LocalDate day = HierarchyModel.START.plusDays(random.nextInt(span));
        Period period = Period.upTo(day);
        Map<String, Long> expectedByVillage = adoptersByVillage(events, day);
        Long totalEligible = null;
        long totalAdopters = expectedByVillage.values().stream().mapToLong(Long::longValue).sum();
        for (LocalDate map : model.expected.keySet()) {
            Map<String, String> parents = model.expected.get(map);
            long adopters = 0;
            long eligible = 0;
            boolean anyEligible = false;
            for (String province : parents.keySet().stream().filter(c -> parents.get(c).isEmpty()).toList()) {
                AdoptionRate whole = rates(province, UnitLevel.PROVINCE, period, map).get(province);
                Map<String, AdoptionRate> communes = rates(province, UnitLevel.COMMUNE, period, map);
                String where = "province " + province + " on the map of " + map + " up to " + day + " after " + model.log;
                assertThat(sum(communes.values(), AdoptionRate::adopters)).as("communes' adopters add up to " + where).isEqualTo(whole.adopters());
                assertThat(sumOrNull(communes.values())).as("communes' eligible add up to " + where).isEqualTo(whole.eligible());
                for (AdoptionRate c : communes.values()) {
                    long expected = expectedByVillage.entrySet().stream()
                            .filter(v -> Objects.equals(parents.get(v.getKey()), c.unit().code())).mapToLong(Map.Entry::getValue).sum();
                    assertThat(c.adopters()).as("adopters of %s in %s", c.unit().code(), where).isEqualTo(expected);
                }
                Map<String, AdoptionRate> districts = rates(province, UnitLevel.DISTRICT, period, map);
                for (AdoptionRate d : districts.values()) {
                    List<AdoptionRate> children = communes.values().stream()
                            .filter(c -> d.unit().code().equals(parents.get(c.unit().code()))).toList();
                    assertThat(sum(children, AdoptionRate::adopters)).as("district %s in %s", d.unit().code(), where).isEqualTo(d.adopters());
                    assertThat(sumOrNull(children)).as("district %s eligible in %s", d.unit().code(), where).isEqualTo(d.eligible());
                }
                adopters += whole.adopters();
                if (whole.eligible() != null) {
                    eligible += whole.eligible();
                    anyEligible = true;
                }
            }
            assertThat(adopters).as("all adopters on the map of %s after %s", map, model.log).isEqualTo(totalAdopters);
            Long mapEligible = anyEligible ? eligible : null;
            if (totalEligible == null) {
                totalEligible = mapEligible;
            } else {
                assertThat(mapEligible).as("the population on the map of %s after %s", map, model.log).isEqualTo(totalEligible);
            }
        }

        // The same rates while half of the daily counts and monthly levels of every village, or of
        // half the villages, wait as an import's pending changes (before its end; most keys then both
        // stored and pending): readers add them to the stored counts, the recheck finds them exact,
        // and the fold brings back the very same counts.
        Map<String, String> stored = storedCounts();
        Map<String, Long> folded = everyRate(model, period);
        int modulus = 1 + dataSeed % 2;
        PendingCounts.unfold(dataSource, modulus, dataSeed % modulus);
        String pending = "with half the counts of villages whose id leaves " + dataSeed % modulus + " modulo " + modulus + " pending after "
                + model.log;
        assertThat(everyRate(model, period)).as(pending).isEqualTo(folded);
        assertThat(caunoi.counts().checkCounts(Fixtures.SYSTEM).exact()).as(pending).isTrue();
        PendingCountsTestAccess.fold(dataSource);
        assertThat(storedCounts()).as("folded " + pending).isEqualTo(stored);
    }

    /** Adopters of every province, district and commune on every map: map level code → adopters. */
    static Map<String, Long> everyRate(HierarchyModel model, Period period) {
        Map<String, Long> all = new TreeMap<>();
        model.expected.forEach((map, parents) -> parents.keySet().stream().filter(c -> parents.get(c).isEmpty()).forEach(province -> {
            for (UnitLevel level : List.of(UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE)) {
                rates(province, level, period, map).forEach((code, r) -> all.put(map + " " + level + " " + code, r.adopters()));
            }
        }));
        return all;
    }

    /** The stored daily counts and monthly levels: "day"/"month" service/stage village date → entered/left or level. */
    static Map<String, String> storedCounts() {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("""
                     select 'day ' || service_code || '/' || stage_code || ' ' || village_id || ' ' || day, entered || '/' || "left"
                     from adoption_count
                     union all
                     select 'month ' || service_code || '/' || stage_code || ' ' || village_id || ' ' || month, level::text
                     from adoption_month""")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The residents at LEVEL_2 or further on {@code day}, by village: the furthest stage reached by then. */
    static Map<String, Long> adoptersByVillage(List<Event> events, LocalDate day) {
        Map<Integer, Integer> furthest = new HashMap<>();
        Map<Integer, String> village = new HashMap<>();
        for (Event e : events) {
            village.put(e.resident(), e.village());
            if (!e.day().isAfter(day)) {
                furthest.merge(e.resident(), e.stage(), Math::max);
            }
        }
        Map<String, Long> byVillage = new TreeMap<>();
        furthest.forEach((resident, stage) -> {
            if (stage >= 1) {
                byVillage.merge(village.get(resident), 1L, Long::sum);
            }
        });
        return byVillage;
    }

    /** The model's map on a date: the latest state recorded on or before it. */
    static Map<String, String> on(HierarchyModel model, LocalDate day) {
        Map<String, String> state = null;
        for (Map.Entry<LocalDate, Map<String, String>> e : model.expected.entrySet()) {
            if (!e.getKey().isAfter(day)) {
                state = e.getValue();
            }
        }
        return state;
    }

    static Map<String, AdoptionRate> rates(String under, UnitLevel level, Period period, LocalDate map) {
        Map<String, AdoptionRate> byCode = new TreeMap<>();
        caunoi.rates().adoptionRates(Fixtures.SYSTEM, new RateQuery(under, level, "id", null, period, map))
                .forEach(r -> byCode.put(r.unit().code(), r));
        return byCode;
    }

    static long sum(java.util.Collection<AdoptionRate> rates, java.util.function.ToLongFunction<AdoptionRate> f) {
        return rates.stream().mapToLong(f).sum();
    }

    /** The sum of the eligible populations, or null when none is known. */
    static Long sumOrNull(java.util.Collection<AdoptionRate> rates) {
        return rates.stream().map(AdoptionRate::eligible).filter(Objects::nonNull).reduce(Long::sum).orElse(null);
    }

    static void importFile(ImportJob.Kind kind, String csv) {
        try {
            Path file = Files.createTempFile("rollup-", ".csv");
            try {
                Files.writeString(file, csv);
                ImportJob job = caunoi.imports().run(Fixtures.SYSTEM, new ImportJobs.Request(kind, file, null, Map.of()), null);
                assertThat(job.rowsRejected()).as("rows rejected from %s", csv).isZero();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything written by the previous example, as a replica session so that the guarding triggers stay quiet. */
    static void reset() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("begin");
            s.execute("set local session_replication_role = replica");
            s.execute("""
                    truncate adoption_event, residence, resident, resident_objection, adoption_count, anonymous_adoption,
                             adoption_month, adoption_month_pending, adoption_count_pending, adoption_target, population, import_rejection, import_job, idempotency_key,
                             person_data_access, digital_service_stage, digital_service, unit_change, admin_unit_parent,
                             hierarchy_import, admin_unit restart identity cascade""");
            s.execute("update adoption_horizon set month = null");
            s.execute("commit");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        caunoi.digitalServices().unregister(Fixtures.SYSTEM, "test");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
