package vn.caunoi.core.indicator;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.hierarchy.UnitCodes;
import vn.caunoi.core.imports.Columns;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.Loader;
import vn.caunoi.core.imports.LoaderFactory;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.Tx;
import vn.caunoi.spi.ServiceDescriptor;


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
final class PopulationLoader extends FigureLoader {

    static final Columns COLUMNS = Columns.builder()
            .required("unit_code", "ma_don_vi")
            .required("year", "nam")
            .required("persons", "so_nguoi", "dan_so")
            .optional("age_from", "tu_tuoi")
            .optional("age_to", "den_tuoi")
            .optional("households", "so_ho")
            .build();

    private final UnitCodes units;
    /** Where the importer may set figures; null for everywhere. */
    private final Access.ScopeIntervals scope;

    PopulationLoader(Context ctx, Actor actor, ImportJob job) {
        super(ctx, job, COLUMNS);
        this.scope = ctx.access().intervals(actor);
        this.units = ctx.hierarchy().codes(actor, null);
    }

    @Override
    protected void check(long line, Row row) {
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
            unit = units.unitOn(code, LocalDate.of(year, 7, 1), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
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
    protected long load(Tx tx) {
        if (staged.isEmpty()) {
            return 0;
        }
        IndicatorMapper m = tx.mapper(IndicatorMapper.class);
        m.preparePopulationStage();
        Copy.into(tx, "population_stage", "line, unit_id, year, age_from, age_to, persons, households", staged);
        return m.upsertPopulation(job.id());
    }
}
