package vn.caunoi.core.adoption;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.adoption.Adoption.EventKind;
import vn.caunoi.core.adoption.Adoption.NewAdoption;
import vn.caunoi.core.adoption.Adoption.Recorded;
import vn.caunoi.core.adoption.Adoption.ServiceStatus;
import vn.caunoi.core.adoption.Adoption.Source;
import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.ResidentRecords;
import vn.caunoi.core.resident.Residents;
import vn.caunoi.core.store.Idempotency;
import vn.caunoi.core.store.Json;
import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.team.TeamService;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;

/**
 * Records that a resident reached a stage of a service, as a field worker's phone sends it.
 *
 * <p>A resident is known by a keyed HMAC of the citizen ID number and its mask; the number itself is
 * never stored, logged or returned. Adoption events are append-only; each write updates the running
 * counts (village × service × stage × day) in its own transaction by applying the difference between
 * the touched residents' contribution after and before it, so the counts always equal a
 * recomputation from the events ({@link AdoptionCounts#checkCounts}).
 */
public final class AdoptionRecorder {

    private final AdoptionRules rules;
    private final Context ctx;

    public AdoptionRecorder(Context ctx, ResidentRecords residents, TeamService teams, MemberService members) {
        this.rules = new AdoptionRules(ctx, residents, teams, members);
        this.ctx = ctx;
    }

    /**
     * Records that a resident reached a stage of a service (or stepped back to one, when the plugin
     * allows it). Idempotent by key; recording a stage already reached changes no count.
     */
    public Created<Recorded> recordAdoption(Actor actor, NewAdoption input) {
        Access.require(actor, Operation.RECORD_ADOPTION);
        NewAdoption in = input;
        if (actor.is(Role.TEAM_MEMBER) && actor.kind() != Actor.Kind.SYSTEM) {
            // A team member records what she helped with: the member is hers, whatever the client says.
            if (in.memberId() != null && !in.memberId().equals(actor.memberId())) {
                throw AccessDeniedException.of(actor, "a team member records her own work, not another member's");
            }
            in = new NewAdoption(in.idempotencyKey(), in.citizenId(), in.birthYear(), in.sex(), in.household(), in.village(), in.service(),
                    in.stage(), in.kind(), in.occurredOn(), in.source(), in.teamId(), actor.memberId(), in.attributes(),
                    in.clientRecordedAt(), in.objectsToRecording());
        }
        return record(actor, in);
    }

    private Created<Recorded> record(Actor actor, NewAdoption in) {
        LocalDate today = ctx.today();
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, in.idempotencyKey());
        CitizenId id = CitizenId.check(p, in.citizenId(), in.birthYear(), today.getYear());
        if (id != null && in.sex() != null && in.sex() != id.sex()) {
            p.add("sex", "DOES_NOT_MATCH_CITIZEN_ID", "the sex does not agree with the fourth digit of the citizen ID number");
        }
        String household = p.optionalText("household", in.household(), 50);
        LocalDate on = p.required("occurredOn", in.occurredOn());
        if (on != null && on.isAfter(today.plusDays(1))) {
            p.add("occurredOn", "IN_FUTURE", "occurredOn (" + on + ") is in the future");
        } else if (on != null && on.isBefore(AdoptionRules.EARLIEST)) {
            p.add("occurredOn", "TOO_EARLY", "occurredOn (" + on + ") is before " + AdoptionRules.EARLIEST);
        }
        AdministrativeUnit village = rules.village(actor, p, in.village(), on);
        Map<String, String> attributes = in.attributes() == null ? Map.of() : in.attributes();
        AdoptionRules.checkAttributes(p, attributes);
        if (p.text("service", in.service(), 40) != null && p.text("stage", in.stage(), 50) != null && p.isEmpty()) {
            ctx.services().validate(actor, in.service(), in.stage(), attributes).forEach(problem -> AdoptionRules.add(p, problem));
        }
        EventKind kind = in.kind() == null ? EventKind.REACHED : in.kind();
        Source source = in.source() != null ? in.source()
                : in.teamId() != null || in.memberId() != null ? Source.TEAM_SUPPORT : Source.SELF_REPORTED;
        p.throwIfAny();
        ctx.access().requireIn(actor, village.id(), on, "the village");

        PersonalDataProtector pdp = ctx.protector();
        byte[] hmac = ResidentRecords.citizenHmac(pdp, id);
        byte[] householdHmac = ResidentRecords.householdHmac(pdp, household);
        HexFormat hex = HexFormat.of();
        String fingerprint = pdp.fingerprintOf("recordAdoption", hex.formatHex(hmac), householdHmac == null ? "" : hex.formatHex(householdHmac),
                village.id(), in.service(), in.stage(), kind, on, source, in.teamId(), in.memberId(), Json.of(attributes),
                in.objectsToRecording());
        int stageOrder = ctx.services().loaded(in.service()).orElseThrow().descriptor().order(in.stage());
        return ctx.db().inTransaction(tx -> {
            AdoptionMapper m = tx.mapper(AdoptionMapper.class);
            // Locks first, always in this order: the gate (an objection erases, so it excludes every
            // write), the horizon of the monthly levels, then the person, then their row inside the write.
            if (in.objectsToRecording()) {
                m.adoptionGateExclusive();
            } else {
                m.adoptionGateShared();
            }
            m.horizon(on);
            rules.residents.lockPerson(hmac);
            rules.checkSupporter(in.teamId(), in.memberId(), on);
            if (in.teamId() != null && !actor.unrestricted()) {
                ctx.access().requireIn(actor, rules.teamUnit(in.teamId(), on), on, "the team");
            }
            Idempotency.Outcome outcome = Idempotency.once(tx, "recordAdoption", key, fingerprint, () -> {
                if (in.objectsToRecording()) {
                    rules.objectAndErase(m, hmac, on);
                }
                if (rules.residents.objected(hmac)) {
                    m.prepareDeltas();
                    m.addAnonymousDelta(village.id(), in.service(), in.stage(), on);
                    m.applyDeltas();
                    m.clearDeltas();
                    m.addAnonymous(village.id(), in.service(), in.stage(), on);
                    return 0L;
                }
                Residents.Resident resident = rules.residents.register(hmac, id, householdHmac);
                Long[] ids = {resident.id()};
                if (kind == EventKind.STEP_BACK) {
                    checkStepBack(actor, m, resident.id(), in.service(), in.stage(), stageOrder);
                }
                m.prepareDeltas();
                m.collectDeltas(ids, -1);
                boolean moved = rules.residents.settleResidence(resident.id(), village.id(), on, m.latestEventDay(resident.id()));
                AdoptionRows.EventRow e = new AdoptionRows.EventRow();
                e.residentId = resident.id();
                e.villageId = village.id();
                e.serviceCode = in.service();
                e.stageCode = in.stage();
                e.stageOrder = stageOrder;
                e.kind = kind;
                e.occurredOn = on;
                e.source = source;
                e.teamId = in.teamId();
                e.memberId = in.memberId();
                e.attributes = Json.of(attributes);
                e.clientRecordedAt = in.clientRecordedAt() == null ? null : in.clientRecordedAt().atOffset(ZoneOffset.UTC);
                Long eventId = m.insertEvent(e);
                if (eventId != null || moved) {
                    m.collectDeltas(ids, 1);
                    m.applyDeltas();
                }
                m.clearDeltas();
                return eventId != null ? eventId : m.existingEvent(e);
            });
            Recorded recorded = recorded(actor, m, id.masked(), outcome.id(), in.service());
            if (!recorded.anonymous()) {
                // The answer carries the resident's status: a read of person-level data like any other.
                rules.residents.audit(actor, "ADOPTION_RECORDED", recorded.event().residentId(), recorded.event().villageId(),
                        "status of " + in.service() + (outcome.replayed() ? " (replayed)" : ""));
            }
            return new Created<>(recorded, outcome.replayed());
        });
    }

    private Recorded recorded(Actor actor, AdoptionMapper m, String masked, long eventId, String service) {
        AdoptionRows.EventRow event = eventId == 0 ? null : m.event(eventId);
        if (event == null) {
            return new Recorded(masked, null, null, true);
        }
        ServiceStatus status = rules.visibleStatus(actor, m, event.residentId, service);
        return new Recorded(masked, event.event(), status, false);
    }

    private void checkStepBack(Actor actor, AdoptionMapper m, long residentId, String service, String stage, int stageOrder) {
        // A status the actor may not see is answered like none: the refusal must not tell her what
        // (or whether) someone reached outside her scope.
        ServiceStatus current = rules.visibleStatus(actor, m, residentId, service);
        if (current == null || current.stageOrder() <= stageOrder) {
            throw new InvalidInputException("kind", "NOTHING_TO_STEP_BACK_FROM",
                    "a step back goes to an earlier stage than the resident's current one");
        }
        boolean allowed = ctx.services().loaded(service).map(l -> l.service().allowsStepBack(current.stage(), stage)).orElse(false);
        if (!allowed) {
            throw new InvalidInputException("kind", "STEP_BACK_NOT_ALLOWED",
                    "service " + service + " does not allow a step back from " + current.stage() + " to " + stage);
        }
    }
}
