package vn.caunoi.core.adoption;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.ResidentRecords;
import vn.caunoi.core.resident.Residents;
import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.team.TeamService;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A person's objection to being recorded: their events, residence and resident row are erased and
 * what they contributed to the counts is kept as anonymous tallies (the counts do not change); later
 * records of them keep only anonymous tallies.
 */
public final class Objections {

    private final AdoptionRules rules;
    private final Context ctx;

    public Objections(Context ctx, ResidentRecords residents, TeamService teams, MemberService members) {
        this.rules = new AdoptionRules(ctx, residents, teams, members);
        this.ctx = ctx;
    }

    /**
     * Records the objection and erases the person. Returns whether a record existed that the actor
     * could have looked up (someone living in her scope); elsewhere the answer is false.
     */
    public boolean recordObjection(Actor actor, String citizenId, LocalDate on) {
        // Anywhere: an objection only ever removes a person's data (the figures stay as anonymous tallies).
        Access.require(actor, Operation.RECORD_ADOPTION);
        Problems p = new Problems();
        CitizenId id = CitizenId.check(p, citizenId, null, ctx.today().getYear());
        p.required("objectedOn", on);
        p.throwIfAny();
        byte[] hmac = ResidentRecords.citizenHmac(ctx.protector(), id);
        return ctx.db().inTransaction(tx -> {
            AdoptionMapper m = tx.mapper(AdoptionMapper.class);
            m.adoptionGateExclusive();
            // Whether someone was on record is person-level data: told only to an actor who could
            // have looked the person up (she lives in her scope today). The erasure happens anyway.
            Optional<Residents.Resident> before = rules.residents.byHmac(hmac);
            boolean visible = before.isPresent() && (before.get().villageId() == null ? actor.unrestricted()
                    : ctx.access().contains(actor, before.get().villageId(), ctx.today()));
            boolean existed = rules.objectAndErase(m, hmac, on);
            rules.residents.audit(actor, "OBJECTION_RECORDED", null, null,
                    existed ? (visible ? "record erased" : "record erased (outside the scope: not told)") : "no record");
            return existed && visible;
        });
    }
}
