package vn.caunoi.core.adoption;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.adoption.Adoption.AdoptionEvent;
import vn.caunoi.core.adoption.Adoption.ResidentRecord;
import vn.caunoi.core.adoption.Adoption.ServiceStatus;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.ResidentRecords;
import vn.caunoi.core.resident.Residents;
import vn.caunoi.core.resident.Residents.Residence;
import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.team.TeamService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Person-level reads: a resident with her status per service, history and residences, and single
 * adoption events. For the roles allowed person-level data, in their scope; every read, found or
 * not, writes a row of the audit log.
 */
public final class ResidentReads {

    private final AdoptionRules rules;
    private final Context ctx;

    public ResidentReads(Context ctx, ResidentRecords residents, TeamService teams, MemberService members) {
        this.rules = new AdoptionRules(ctx, residents, teams, members);
        this.ctx = ctx;
    }

    /** A resident found by citizen ID (hashed here, never stored or echoed). */
    public Optional<ResidentRecord> resident(Actor actor, String citizenId) {
        Access.require(actor, Operation.READ_PERSON_LEVEL);
        Problems p = new Problems();
        CitizenId id = CitizenId.check(p, citizenId, null, ctx.today().getYear());
        p.throwIfAny();
        byte[] hmac = ResidentRecords.citizenHmac(ctx.protector(), id);
        return ctx.db().inTransaction(tx -> record(actor, tx.mapper(AdoptionMapper.class), rules.residents.byHmac(hmac), "RESIDENT_LOOKUP"));
    }

    /** A resident by internal id (a global id the caller already holds); audited like a lookup. */
    public Optional<ResidentRecord> residentById(Actor actor, long id) {
        Access.require(actor, Operation.READ_PERSON_LEVEL);
        return ctx.db().inTransaction(tx -> record(actor, tx.mapper(AdoptionMapper.class), rules.residents.byId(id), "RESIDENT_BY_ID"));
    }

    /**
     * An adoption event by id (a global id the caller already holds): shown when it was recorded in
     * the actor's scope on its date.
     */
    public Optional<AdoptionEvent> eventById(Actor actor, long id) {
        Access.require(actor, Operation.READ_PERSON_LEVEL);
        return ctx.db().inTransaction(tx -> {
            AdoptionRows.EventRow row = tx.mapper(AdoptionMapper.class).eventsByIds(new Long[]{id}).stream().findFirst().orElse(null);
            boolean visible = row != null && ctx.access().contains(actor, row.villageId, row.occurredOn);
            rules.residents.audit(actor, "ADOPTION_EVENT_BY_ID", row == null ? null : row.residentId, row == null ? null : row.villageId,
                    row == null ? "not found" : visible ? "the event" : "outside the scope: nothing shown");
            return visible ? Optional.of(row.event()) : Optional.<AdoptionEvent>empty();
        });
    }

    /**
     * The record of a resident the actor may see: one who lives in her scope today. Someone found
     * elsewhere is answered like someone not found (so a lookup reveals nothing outside the scope),
     * and audited as such.
     */
    private Optional<ResidentRecord> record(Actor actor, AdoptionMapper m, Optional<Residents.Resident> found, String action) {
        LocalDate today = ctx.today();
        Residents.Resident resident = found.orElse(null);
        boolean visible = resident != null && (resident.villageId() == null ? actor.unrestricted()
                : ctx.access().contains(actor, resident.villageId(), today));
        rules.residents.audit(actor, action, resident == null ? null : resident.id(), resident == null ? null : resident.villageId(),
                resident == null ? "not found" : visible ? "status, history, residences" : "outside the scope: nothing shown");
        if (!visible) {
            return Optional.empty();
        }
        Long[] ids = {resident.id()};
        List<ServiceStatus> statuses = m.statuses(ids).stream().map(AdoptionRows.StatusRow::status).toList();
        List<AdoptionEvent> history = m.history(ids).stream().map(AdoptionRows.EventRow::event).toList();
        List<Residence> residences = rules.residents.residences(resident.id());
        if (!actor.unrestricted()) {
            // Someone who lives in her scope today may have lived, and been recorded, elsewhere: she
            // sees the facts dated when and where they lay in her scope, not the rest of the history.
            Function<Residence, UnitAt> lastDay = r -> new UnitAt(r.villageId(), r.to() == null ? today : r.to().minusDays(1));
            List<UnitAt> keys = new ArrayList<>();
            history.forEach(e -> keys.add(new UnitAt(e.villageId(), e.occurredOn())));
            residences.forEach(r -> keys.add(lastDay.apply(r)));
            Set<UnitAt> inScope = ctx.access().inScope(actor, keys);
            statuses = rules.visibleStatuses(actor, statuses, history);
            history = history.stream().filter(e -> inScope.contains(new UnitAt(e.villageId(), e.occurredOn()))).toList();
            residences = residences.stream().filter(r -> inScope.contains(lastDay.apply(r))).toList();
        }
        return Optional.of(new ResidentRecord(resident, statuses, history, residences));
    }
}
