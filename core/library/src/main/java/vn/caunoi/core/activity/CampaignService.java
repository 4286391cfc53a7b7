package vn.caunoi.core.activity;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.activity.Activities.Campaign;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Idempotency;
import vn.caunoi.core.team.MemberService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Campaigns such as Ngày chủ nhật số (Digital Sunday) over the units they cover; activities can be recorded under them. */
public final class CampaignService {

    public record NewCampaign(String idempotencyKey, String name, LocalDate startsOn, LocalDate endsOn, List<String> unitCodes) {
    }

    private final ActivityRules rules;
    private final Context ctx;
    private final Database db;

    public CampaignService(Context ctx, MemberService members) {
        this.rules = new ActivityRules(ctx, members);
        this.ctx = ctx;
        this.db = ctx.db();
    }

    public Created<Campaign> createCampaign(Actor actor, NewCampaign in) {
        Access.require(actor, Operation.MANAGE_CAMPAIGNS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, in.idempotencyKey());
        String name = p.text("name", in.name(), 200);
        LocalDate from = p.required("startsOn", in.startsOn());
        LocalDate to = p.required("endsOn", in.endsOn());
        p.order("startsOn", from, "endsOn", to);
        List<Long> units = new ArrayList<>();
        if (in.unitCodes() == null || in.unitCodes().isEmpty()) {
            p.add("units", "REQUIRED", "a campaign covers at least one unit");
        } else if (from != null) {
            for (String code : new LinkedHashSet<>(in.unitCodes())) {
                ctx.hierarchy().unit(actor, code, from).ifPresentOrElse(u -> units.add(u.id()),
                        () -> p.add("units", "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(code) + " on " + from));
            }
        }
        p.throwIfAny();
        units.forEach(u -> ctx.access().requireIn(actor, u, from, "a unit of the campaign"));
        String fingerprint = Idempotency.fingerprint("createCampaign", name, from, to, new TreeSet<>(units));
        return db.inTransaction(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            Idempotency.Outcome outcome = Idempotency.once(tx, "createCampaign", key, fingerprint, () -> {
                long id = m.insertCampaign(name, from, to);
                m.insertCampaignUnits(id, units.toArray(Long[]::new));
                return id;
            });
            return new Created<>(m.campaignsByIds(new Long[]{outcome.id()}).get(0).campaign(), outcome.replayed());
        });
    }

    public Page<Campaign> campaigns(Actor actor, LocalDate activeOn, PageRequest page) {
        Access.require(actor, Operation.READ_TEAM_WORK);
        if (!actor.unrestricted()) {
            // Campaigns are few: read them all and keep those covering the scope.
            List<Campaign> all = db.read(tx -> tx.mapper(ActivityMapper.class).campaigns(activeOn, 0, Integer.MAX_VALUE)).stream()
                    .map(ActivityRows.CampaignRow::campaign).toList();
            Set<Long> visible = visible(actor, all.stream().map(Campaign::id).toList());
            List<Campaign> mine = all.stream().filter(c -> visible.contains(c.id())).toList();
            return new Page<>(mine.subList(Math.min(page.offset(), mine.size()), Math.min(mine.size(), page.offset() + page.limit())),
                    mine.size(), page.offset());
        }
        return db.read(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            List<Campaign> items = page.limit() == 0 ? List.of()
                    : m.campaigns(activeOn, page.offset(), page.limit()).stream().map(ActivityRows.CampaignRow::campaign).toList();
            return new Page<>(items, m.countCampaigns(activeOn), page.offset());
        });
    }

    /** Campaigns by id: those covering a unit of the actor's scope. */
    public Map<Long, Campaign> campaignsByIds(Actor actor, Collection<Long> ids) {
        Set<Long> visible = visible(actor, ids);
        if (visible.isEmpty()) {
            return Map.of();
        }
        return db.read(tx -> tx.mapper(ActivityMapper.class).campaignsByIds(visible.toArray(Long[]::new))).stream()
                .collect(Collectors.toMap(r -> r.id, ActivityRows.CampaignRow::campaign));
    }

    /** For each campaign, the ids of the units it covers. */
    public Map<Long, List<Long>> campaignUnits(Actor actor, Collection<Long> campaignIds) {
        Set<Long> visible = visible(actor, campaignIds);
        return rules.pairs(campaignIds, m -> m.campaignUnits(visible.toArray(Long[]::new)));
    }

    private Set<Long> visible(Actor actor, Collection<Long> campaignIds) {
        Access.require(actor, Operation.READ_TEAM_WORK);
        if (actor.unrestricted() || campaignIds.isEmpty()) {
            return new HashSet<>(campaignIds);
        }
        return new HashSet<>(db.read(tx -> tx.mapper(ActivityMapper.class).campaignsInScope(campaignIds.toArray(Long[]::new),
                actor.scopeArray())));
    }
}
