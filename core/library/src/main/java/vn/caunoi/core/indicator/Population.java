package vn.caunoi.core.indicator;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.indicator.Indicators.PopulationFigure;

import java.time.LocalDate;
import java.util.List;

/** The population figures behind the denominators: public, imported per unit and year. */
public final class Population {

    private final Context ctx;

    public Population(Context ctx) {
        this.ctx = ctx;
        ctx.db().register(IndicatorMapper.class);
    }

    /** Population figures of a unit (any level, by code on the map of {@code asOf}), optionally of one year. */
    public List<PopulationFigure> figures(Actor actor, String unitCode, Integer year, LocalDate asOf) {
        Access.require(actor, Operation.READ_INDICATORS);
        AdministrativeUnit unit = ctx.hierarchy().requireUnit(actor, "unit", unitCode, asOf);
        return ctx.db().read(tx -> tx.mapper(IndicatorMapper.class).population(new Long[]{unit.id()}, year))
                .stream().map(IndicatorRows.PopulationRow::figure).toList();
    }
}
