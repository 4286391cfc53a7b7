package vn.caunoi.core.imports;

import org.apache.ibatis.session.SqlSession;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.ImportMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Population denominators: {@code unit_code}, {@code year}, {@code persons} (required),
 * {@code age_from} (default 0), {@code age_to} (empty: no upper bound), {@code households}. A unit
 * code is read on the map of 1 July of the year (else 1 January, else 31 December), so a year's
 * figures attach to the units of that year. Importing a figure again replaces it.
 */
final class PopulationLoader extends Loader {

    private static final Map<String, Boolean> COLUMNS = columnList();

    private static Map<String, Boolean> columnList() {
        Map<String, Boolean> c = new LinkedHashMap<>();
        c.put("unit_code", true);
        c.put("year", true);
        c.put("persons", true);
        c.put("age_from", false);
        c.put("age_to", false);
        c.put("households", false);
        return c;
    }

    private static final Map<String, String> ALIASES = Map.of("ma_don_vi", "unit_code", "nam", "year", "so_nguoi", "persons",
            "dan_so", "persons", "tu_tuoi", "age_from", "den_tuoi", "age_to", "so_ho", "households");

    private final Map<String, List<ImportMapper.UnitValidity>> units;
    private final List<Object[]> staged = new ArrayList<>();
    /** Where the importer may set figures; null for everywhere. */
    private final vn.caunoi.core.access.Access.ScopeIntervals scope;
    private final ImportJobs jobs;

    PopulationLoader(ImportJobs jobs, Actor actor, ImportJob job, Map<String, String> parameters) {
        super(job);
        this.jobs = jobs;
        this.scope = jobs.scopeOf(actor);
        this.units = unitsByCode(jobs);
    }

    @Override
    Map<String, Boolean> columns() {
        return COLUMNS;
    }

    @Override
    Map<String, String> aliases() {
        return ALIASES;
    }

    @Override
    void check(long line, Row row) {
        Integer year = integer(line, row, "year", 1900, 2999);
        Integer persons = integer(line, row, "persons", 0, 200_000_000);
        Integer ageFrom = integer(line, row, "age_from", 0, 150);
        Integer ageTo = integer(line, row, "age_to", 0, 150);
        Integer households = integer(line, row, "households", 0, 100_000_000);
        if (year == null && row.get("year") == null) {
            reject(line, "year", "REQUIRED", "year is required");
        }
        if (persons == null && row.get("persons") == null) {
            reject(line, "persons", "REQUIRED", "persons is required");
        }
        if (ageFrom != null && ageTo != null && ageTo < ageFrom) {
            reject(line, "age_to", "BEFORE_AGE_FROM", "age_to must not be below age_from");
        }
        Long unit = null;
        String code = row.get("unit_code");
        if (code == null) {
            reject(line, "unit_code", "REQUIRED", "unit_code is required");
        } else if (year != null) {
            unit = unitOn(units, code, LocalDate.of(year, 7, 1), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
            if (unit == null) {
                reject(line, "unit_code", "UNKNOWN_UNIT", "no unit has this code in " + year);
            } else if (scope != null && !scope.contains(unit, LocalDate.of(year, 7, 1)) && !scope.contains(unit, LocalDate.of(year, 1, 1))
                    && !scope.contains(unit, LocalDate.of(year, 12, 31))) {
                reject(line, "unit_code", "OUT_OF_SCOPE", "the unit is outside your scope in " + year);
            }
        }
        if (rejected()) {
            return;
        }
        staged.add(new Object[]{line, unit, year, ageFrom == null ? 0 : ageFrom, ageTo, persons, households});
    }

    @Override
    long load(SqlSession s) {
        if (staged.isEmpty()) {
            return 0;
        }
        ImportMapper m = s.getMapper(ImportMapper.class);
        m.preparePopulationStage();
        Copy.into(s, "population_stage", "line, unit_id, year, age_from, age_to, persons, households", staged);
        return m.upsertPopulation(job.id());
    }

    @Override
    void committed() {
        staged.clear();
    }

    /** Rates read these figures right after an import: the planner must not believe the table empty. */
    @Override
    void analyze() {
        jobs.db().bulk(session -> {
            session.getMapper(ImportMapper.class).analyzeFigures();
            return null;
        });
    }
}
