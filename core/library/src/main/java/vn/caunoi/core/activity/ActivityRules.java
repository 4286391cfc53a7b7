package vn.caunoi.core.activity;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.team.MemberService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The checks and reads the services of the teams' work share. */
final class ActivityRules {

    private final Context ctx;
    private final MemberService members;

    ActivityRules(Context ctx, MemberService members) {
        this.ctx = ctx;
        this.members = members;
        ctx.db().register(ActivityMapper.class);
    }

    Context ctx() {
        return ctx;
    }

    /** The service must be known and loaded, the stage one of its stages. */
    void checkServiceAndStage(Actor actor, Problems p, String service, String stage) {
        if (p.text("service", service, 40) == null) {
            return;
        }
        Optional<CatalogueEntry> entry = ctx.services().find(actor, service);
        if (entry.isEmpty()) {
            p.add("service", "UNKNOWN_SERVICE", "no digital service " + service);
        } else if (!entry.get().available()) {
            p.add("service", "SERVICE_UNAVAILABLE", "service " + service + " has no plugin loaded; its data stays readable but new records are refused");
        } else if (p.text("stage", stage, 50) != null && entry.get().descriptor().stage(stage).isEmpty()) {
            p.add("stage", "UNKNOWN_STAGE", "service " + service + " has no stage " + stage + "; its stages are "
                    + entry.get().descriptor().stages().stream().map(vn.caunoi.spi.Stage::code).toList());
        }
    }

    /** The unit with this code on the date, or null after recording the problem. */
    AdministrativeUnit unitOn(Actor actor, Problems p, String field, String code, LocalDate on) {
        if (p.text(field, code, 20) == null || on == null) {
            return null;
        }
        Optional<AdministrativeUnit> unit = ctx.hierarchy().unit(actor, code, on);
        if (unit.isEmpty()) {
            p.add(field, "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(code) + " on " + on);
        }
        return unit.orElse(null);
    }

    /** Every member must exist (in any team: a training may gather members of several communes). */
    void checkMembers(Collection<Long> ids, String field) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> known = members.membersByIds(Actor.system(), ids).keySet();
        List<Long> unknown = ids.stream().filter(id -> !known.contains(id)).limit(10).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(field, "UNKNOWN_MEMBER", "no member(s) " + unknown);
        }
    }

    /** Of these members, those the actor may see. */
    Set<Long> visibleMembers(Actor actor, Collection<Long> memberIds) {
        return members.membersByIds(actor, memberIds).keySet();
    }

    /** A list is read under a unit: only by readers, and inside their scope (so is everything under it). */
    ActivityFilter filter(Actor actor, ActivityQuery q) {
        Access.require(actor, Operation.READ_TEAM_WORK);
        Problems p = new Problems();
        p.order("from", q.from(), "to", q.to());
        p.throwIfAny();
        AdministrativeUnit under = ctx.hierarchy().requireUnit(actor, "under", q.under(), q.asOf());
        ctx.access().requireIn(actor, under.id(), q.asOf(), under.fullName());
        return new ActivityFilter(under.id(), q.asOf(), q.from(), q.to(), q.service(), q.stage(), q.campaignId(), q.teamId(), q.status(),
                actor.scopeArray());
    }

    /** For each key, the ids paired with it by {@code query}: one statement for all keys. */
    Map<Long, List<Long>> pairs(Collection<Long> keys, Function<ActivityMapper, List<ActivityRows.PairRow>> query) {
        Map<Long, List<Long>> result = new LinkedHashMap<>();
        keys.forEach(k -> result.put(k, new ArrayList<>()));
        if (!keys.isEmpty()) {
            ctx.db().read(tx -> query.apply(tx.mapper(ActivityMapper.class))).forEach(r -> result.get(r.left).add(r.right));
        }
        return result;
    }
}
