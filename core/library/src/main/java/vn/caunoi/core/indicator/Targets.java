package vn.caunoi.core.indicator;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.AdoptionTarget;
import vn.caunoi.core.indicator.Indicators.Flag;
import vn.caunoi.core.indicator.Indicators.NewTarget;
import vn.caunoi.core.indicator.Indicators.RateQuery;
import vn.caunoi.core.indicator.Indicators.ScorecardQuery;
import vn.caunoi.core.indicator.Indicators.TeamScorecard;
import vn.caunoi.core.indicator.Indicators.Thresholds;
import vn.caunoi.core.indicator.Indicators.TrendPoint;
import vn.caunoi.core.indicator.Indicators.TrendQuery;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamStatus;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.ServiceDescriptor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Adoption targets per unit, service, stage and due date: public, set by the province. */
public final class Targets {

    private final IndicatorRules rules;

    public Targets(Context ctx) {
        this.rules = new IndicatorRules(ctx);
    }

    /** Sets a target (or replaces the one with the same unit, service, stage and due date). */
    public AdoptionTarget setTarget(Actor actor, NewTarget in) {
        Access.require(actor, Operation.SET_TARGETS);
        Problems p = new Problems();
        LocalDate due = p.required("dueOn", in.dueOn());
        if (due != null && (due.isBefore(Period.EARLIEST) || due.isAfter(Period.LATEST))) {
            p.add("dueOn", "OUT_OF_RANGE", "dueOn must be between " + Period.EARLIEST + " and " + Period.LATEST);
        }
        Double rate = p.required("rate", in.rate());
        // Kept to six decimals: a rate that rounds to 0 there is no target.
        if (rate != null && (rate.isNaN() || rate > 1 || BigDecimal.valueOf(rate).setScale(6, RoundingMode.HALF_UP).signum() <= 0)) {
            p.add("rate", "OUT_OF_RANGE", "rate is a share of the eligible population: at least 0.000001, at most 1 (0.8 for 80 %)");
        }
        String basis = p.optionalText("basis", in.basis(), 300);
        IndicatorRules.Measured measured = rules.measured(actor, p, in.service(), in.stage());
        p.text("unit", in.unit(), 20);
        p.throwIfAny();
        LocalDate unitDate = in.asOf() == null ? due : in.asOf();
        AdministrativeUnit unit = rules.ctx.hierarchy().requireUnit(actor, "unit", in.unit(), unitDate);
        rules.ctx.access().requireIn(actor, unit.id(), unitDate, unit.fullName());
        BigDecimal exact = BigDecimal.valueOf(rate).setScale(6, RoundingMode.HALF_UP);
        return rules.db.inTransaction(tx -> {
            IndicatorMapper m = tx.mapper(IndicatorMapper.class);
            long id = m.upsertTarget(unit.id(), measured.service().code(), measured.stage(), due, exact, basis, actor.id());
            return m.target(id).target();
        });
    }

    /** The targets set for units under {@code under} on {@code asOf} (itself included), optionally of one service. */
    public List<AdoptionTarget> targets(Actor actor, String under, String service, LocalDate asOf) {
        Access.require(actor, Operation.READ_INDICATORS);
        AdministrativeUnit root = rules.ctx.hierarchy().requireUnit(actor, "under", under, asOf);
        return rules.db.read(tx -> {
            IndicatorMapper m = tx.mapper(IndicatorMapper.class);
            Long[] ids = m.area(root.id(), asOf).stream().map(r -> r.id).toArray(Long[]::new);
            return m.targetsOf(ids, service == null || service.isBlank() ? null : service.strip(), null).stream()
                    .map(IndicatorRows.TargetRow::target).toList();
        });
    }

    /** Targets by id: public, like the lists of targets. */
    public Map<Long, AdoptionTarget> targetsByIds(Actor actor, java.util.Collection<Long> ids) {
        Access.require(actor, Operation.READ_INDICATORS);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return rules.db.read(tx -> tx.mapper(IndicatorMapper.class).targetsByIds(ids.toArray(Long[]::new))).stream()
                .map(IndicatorRows.TargetRow::target).collect(Collectors.toMap(AdoptionTarget::id, t -> t));
    }
}
