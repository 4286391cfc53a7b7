package vn.caunoi.core.resident;

import vn.caunoi.core.Created;
import vn.caunoi.core.InvalidInputException;
import vn.caunoi.core.Page;
import vn.caunoi.core.PageRequest;
import vn.caunoi.core.Problems;
import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.AccessDeniedException;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.access.Role;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.Residents.AdoptionEvent;
import vn.caunoi.core.resident.Residents.CountCheck;
import vn.caunoi.core.resident.Residents.EventKind;
import vn.caunoi.core.resident.Residents.NewAdoption;
import vn.caunoi.core.resident.Residents.PersonDataAccess;
import vn.caunoi.core.resident.Residents.PopulationFigure;
import vn.caunoi.core.resident.Residents.Recorded;
import vn.caunoi.core.resident.Residents.Residence;
import vn.caunoi.core.resident.Residents.ResidentRecord;
import vn.caunoi.core.resident.Residents.ServiceStatus;
import vn.caunoi.core.resident.Residents.Source;
import vn.caunoi.core.store.ActivityMapper;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Idempotency;
import vn.caunoi.core.store.ResidentMapper;
import vn.caunoi.core.store.ResidentRows;
import vn.caunoi.core.store.ResidentRows.Json;
import vn.caunoi.core.store.TeamMapper;
import vn.caunoi.core.store.TeamRows;
import vn.caunoi.spi.AttributeProblem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Residents and their adoption of digital services.
 *
 * <p>A resident is known by a keyed HMAC of the citizen ID number and its mask; the number itself is
 * never stored, logged or returned. Adoption events are append-only; each write updates the running
 * counts (village × service × stage × day) in its own transaction by applying the difference between
 * the touched residents' contribution after and before it, so the counts always equal a
 * recomputation from the events ({@link #checkCounts}).
 */
public final class ResidentService {

    /** Records before this date are surely typing mistakes: digital services of this kind did not exist. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final int MAX_ATTRIBUTES = 20;

    /** Who records adoption in the field, and who may look a person up: never viewers or the public. */
    private static final Role[] PERSON_LEVEL = {Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER};
    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    private final Database db;
    private final HierarchyService hierarchy;
    private final DigitalServices services;
    private final Access access;
    private final Supplier<PersonalDataProtector> protector;

    public ResidentService(Database db, HierarchyService hierarchy, DigitalServices services, Access access,
                           Supplier<PersonalDataProtector> protector) {
        this.db = Objects.requireNonNull(db);
        this.access = Objects.requireNonNull(access);
        this.hierarchy = Objects.requireNonNull(hierarchy);
        this.services = Objects.requireNonNull(services);
        this.protector = Objects.requireNonNull(protector);
    }

    /** The keyed HMAC under which a citizen ID is stored (with a purpose prefix, so it matches no other fingerprint). */
    static byte[] citizenHmac(PersonalDataProtector protector, CitizenId id) {
        return protector.hmac("citizen-id\u001f" + id.digits());
    }

    static byte[] householdHmac(PersonalDataProtector protector, String household) {
        return household == null ? null : protector.hmac("household\u001f" + household.toUpperCase(java.util.Locale.ROOT));
    }

    /** The scope recorded in the audit log. */
    static String scopeOf(Actor actor) {
        return actor.scopeLabel();
    }

    // --- recording adoption ---------------------------------------------------------------------

    /**
     * Records that a resident reached a stage of a service (or stepped back to one, when the plugin
     * allows it). Idempotent by key; recording a stage already reached changes no count.
     */
    public Created<Recorded> recordAdoption(Actor actor, NewAdoption input) {
        Access.require(actor, "record adoption", PERSON_LEVEL);
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
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, in.idempotencyKey());
        CitizenId id = parseCitizenId(p, in.citizenId(), in.birthYear());
        if (id != null && in.sex() != null && in.sex() != id.sex()) {
            p.add("sex", "DOES_NOT_MATCH_CITIZEN_ID", "the sex does not agree with the fourth digit of the citizen ID number");
        }
        String household = p.optionalText("household", in.household(), 50);
        LocalDate on = p.required("occurredOn", in.occurredOn());
        if (on != null && on.isAfter(LocalDate.now().plusDays(1))) {
            p.add("occurredOn", "IN_FUTURE", "occurredOn (" + on + ") is in the future");
        } else if (on != null && on.isBefore(EARLIEST)) {
            p.add("occurredOn", "TOO_EARLY", "occurredOn (" + on + ") is before " + EARLIEST);
        }
        AdministrativeUnit village = village(actor, p, in.village(), on);
        Map<String, String> attributes = in.attributes() == null ? Map.of() : in.attributes();
        checkAttributes(p, attributes);
        if (p.text("service", in.service(), 40) != null && p.text("stage", in.stage(), 50) != null && p.isEmpty()) {
            services.validate(actor, in.service(), in.stage(), attributes).forEach(problem -> add(p, problem));
        }
        EventKind kind = in.kind() == null ? EventKind.REACHED : in.kind();
        Source source = in.source() != null ? in.source()
                : in.teamId() != null || in.memberId() != null ? Source.TEAM_SUPPORT : Source.SELF_REPORTED;
        p.throwIfAny();
        access.requireIn(actor, village.id(), on, "the village");

        PersonalDataProtector pdp = protector.get();
        byte[] hmac = citizenHmac(pdp, id);
        byte[] householdHmac = householdHmac(pdp, household);
        HexFormat hex = HexFormat.of();
        String fingerprint = pdp.fingerprintOf("recordAdoption", hex.formatHex(hmac), householdHmac == null ? "" : hex.formatHex(householdHmac),
                village.id(), in.service(), in.stage(), kind, on, source, in.teamId(), in.memberId(), Json.of(attributes),
                in.objectsToRecording());
        int stageOrder = services.loaded(in.service()).orElseThrow().descriptor().order(in.stage());
        return db.inTransaction(s -> {
            ResidentMapper m = s.getMapper(ResidentMapper.class);
            // Locks first, always in this order: the gate (an objection erases, so it excludes every
            // write), the horizon of the monthly levels, then the person, then their row inside the write.
            if (in.objectsToRecording()) {
                m.adoptionGateExclusive();
            } else {
                m.adoptionGateShared();
            }
            m.horizon(on);
            m.personLock(java.nio.ByteBuffer.wrap(hmac).getInt());
            checkSupporter(s, in.teamId(), in.memberId(), on);
            if (in.teamId() != null && !actor.unrestricted()) {
                Access.requireIn(s, actor, s.getMapper(TeamMapper.class).teamsByIds(new Long[]{in.teamId()}, on).get(0).unitId, on, "the team");
            }
            Idempotency.Outcome outcome = Idempotency.once(s, "recordAdoption", key, fingerprint, () -> {
                if (in.objectsToRecording()) {
                    objectAndErase(m, hmac, on);
                }
                if (m.objected(hmac)) {
                    m.prepareDeltas();
                    m.addAnonymousDelta(village.id(), in.service(), in.stage(), on);
                    m.applyDeltas();
                    m.clearDeltas();
                    m.addAnonymous(village.id(), in.service(), in.stage(), on);
                    return 0L;
                }
                ResidentRows.ResidentRow row = new ResidentRows.ResidentRow();
                row.citizenHmac = hmac;
                row.citizenMasked = id.masked();
                row.birthYear = id.birthYear();
                row.sex = id.sex();
                row.householdHmac = householdHmac;
                m.insertResident(row);
                ResidentRows.ResidentRow resident = m.residentByHmac(hmac);
                if (householdHmac != null && !java.util.Arrays.equals(householdHmac, resident.householdHmac)) {
                    m.updateHousehold(resident.id, householdHmac);
                }
                Long[] ids = {resident.id};
                if (kind == EventKind.STEP_BACK) {
                    checkStepBack(s, actor, m, ids, in.service(), in.stage(), stageOrder);
                }
                m.prepareDeltas();
                m.collectDeltas(ids, -1);
                boolean moved = settleResidence(m, resident.id, village.id(), on);
                ResidentRows.EventRow e = new ResidentRows.EventRow();
                e.residentId = resident.id;
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
                e.clientRecordedAt = in.clientRecordedAt() == null ? null
                        : in.clientRecordedAt().atOffset(java.time.ZoneOffset.UTC);
                Long eventId = m.insertEvent(e);
                if (eventId != null || moved) {
                    m.collectDeltas(ids, 1);
                    m.applyDeltas();
                }
                m.clearDeltas();
                return eventId != null ? eventId : m.existingEvent(e);
            });
            Recorded recorded = recorded(s, actor, m, id.masked(), outcome.id(), in.service());
            if (!recorded.anonymous()) {
                // The answer carries the resident's status: a read of person-level data like any other.
                m.audit(actor.id(), "ADOPTION_RECORDED", recorded.event().residentId(), recorded.event().villageId(), scopeOf(actor),
                        "status of " + in.service() + (outcome.replayed() ? " (replayed)" : ""));
            }
            return new Created<>(recorded, outcome.replayed());
        });
    }

    private static Recorded recorded(org.apache.ibatis.session.SqlSession s, Actor actor, ResidentMapper m, String masked, long eventId,
                                     String service) {
        ResidentRows.EventRow event = eventId == 0 ? null : m.event(eventId);
        if (event == null) {
            return new Recorded(masked, null, null, true);
        }
        ServiceStatus status = visibleStatus(s, actor, m, event.residentId, service);
        return new Recorded(masked, event.event(), status, false);
    }

    /**
     * The resident's status for a service if the actor may see it: the event that reached the stage
     * was recorded in her scope on its date. A status reached elsewhere (before a move into her
     * area, say) is not hers to see, even though the record she writes is.
     */
    private static ServiceStatus visibleStatus(org.apache.ibatis.session.SqlSession s, Actor actor, ResidentMapper m, long residentId,
                                               String service) {
        Long[] ids = {residentId};
        ServiceStatus status = m.statuses(ids).stream().filter(r -> r.serviceCode.equals(service))
                .map(ResidentRows.StatusRow::status).findFirst().orElse(null);
        if (status == null || actor.unrestricted()) {
            return status;
        }
        List<AdoptionEvent> history = m.history(ids).stream().map(ResidentRows.EventRow::event).toList();
        return visibleStatuses(s, actor, List.of(status), history).isEmpty() ? null : status;
    }

    /** Of these statuses, those whose reaching event (the latest of the service at that stage) is in the actor's scope. */
    private static List<ServiceStatus> visibleStatuses(org.apache.ibatis.session.SqlSession s, Actor actor, List<ServiceStatus> statuses,
                                                       List<AdoptionEvent> history) {
        if (actor.unrestricted()) {
            return statuses;
        }
        Map<ServiceStatus, UnitAt> reachedAt = new java.util.HashMap<>();
        for (ServiceStatus status : statuses) {
            history.stream().filter(e -> e.service().equals(status.service()) && e.stage().equals(status.stage()))
                    .reduce((a, b) -> b)
                    .ifPresent(e -> reachedAt.put(status, new UnitAt(e.villageId(), e.occurredOn())));
        }
        java.util.Set<UnitAt> inScope = Access.inScope(s, actor, reachedAt.values());
        return statuses.stream().filter(x -> reachedAt.containsKey(x) && inScope.contains(reachedAt.get(x))).toList();
    }

    /**
     * Where the resident lives from {@code on}: the first village known stands for all earlier time;
     * a different village on or after the resident's latest known fact (the start of the current
     * residence, the latest event) is a move; an older record — a phone that synced late — does not
     * rewrite past residence. Returns whether the residence changed.
     */
    private static boolean settleResidence(ResidentMapper m, long residentId, long villageId, LocalDate on) {
        List<ResidentRows.ResidenceRow> residences = m.residences(new Long[]{residentId});
        if (residences.isEmpty()) {
            m.insertResidence(residentId, villageId, null);
            return true;
        }
        ResidentRows.ResidenceRow current = residences.get(residences.size() - 1);
        LocalDate latestEvent = m.latestEventDay(residentId);
        if (current.villageId == villageId || on.isBefore(current.validFrom) || (latestEvent != null && on.isBefore(latestEvent))) {
            return false;
        }
        if (on.equals(current.validFrom)) {
            m.changeResidenceVillage(residentId, current.validFrom, villageId);
        } else {
            m.endResidence(residentId, current.validFrom, on);
            m.insertResidence(residentId, villageId, on);
        }
        return true;
    }

    private void checkStepBack(org.apache.ibatis.session.SqlSession s, Actor actor, ResidentMapper m, Long[] ids, String service,
                               String stage, int stageOrder) {
        // A status the actor may not see is answered like none: the refusal must not tell her what
        // (or whether) someone reached outside her scope.
        ServiceStatus current = visibleStatus(s, actor, m, ids[0], service);
        if (current == null || current.stageOrder() <= stageOrder) {
            throw new InvalidInputException("kind", "NOTHING_TO_STEP_BACK_FROM",
                    "a step back goes to an earlier stage than the resident's current one");
        }
        boolean allowed = services.loaded(service).map(l -> l.service().allowsStepBack(current.stage(), stage)).orElse(false);
        if (!allowed) {
            throw new InvalidInputException("kind", "STEP_BACK_NOT_ALLOWED",
                    "service " + service + " does not allow a step back from " + current.stage() + " to " + stage);
        }
    }

    private static void checkSupporter(org.apache.ibatis.session.SqlSession s, Long teamId, Long memberId, LocalDate on) {
        Problems q = new Problems();
        TeamMapper teams = s.getMapper(TeamMapper.class);
        if (teamId != null) {
            List<TeamRows.TeamRow> team = teams.teamsByIds(new Long[]{teamId}, on);
            if (team.isEmpty()) {
                q.add("supportedBy.team", "UNKNOWN_TEAM", "no team " + teamId);
            } else if (on.isBefore(team.get(0).establishedOn) || (team.get(0).dissolvedOn != null && !on.isBefore(team.get(0).dissolvedOn))) {
                q.add("occurredOn", "TEAM_NOT_ACTIVE", "the team did not exist on " + on);
            } else if (memberId != null && !s.getMapper(ActivityMapper.class).memberInTeam(memberId, teamId, on)) {
                q.add("supportedBy.member", "NOT_IN_TEAM", "member " + memberId + " was not in team " + teamId + " on " + on);
            }
        } else if (memberId != null && teams.membersByIds(new Long[]{memberId}).isEmpty()) {
            q.add("supportedBy.member", "UNKNOWN_MEMBER", "no member " + memberId);
        }
        q.throwIfAny();
    }

    // --- objection ------------------------------------------------------------------------------

    /**
     * The person objects to being recorded: their events, residence and resident row are erased and
     * what they contributed to the counts is kept as anonymous tallies (the counts do not change);
     * later records of them keep only anonymous tallies. Returns whether a record existed that the
     * actor could have looked up (someone living in her scope); elsewhere the answer is false.
     */
    public boolean recordObjection(Actor actor, String citizenId, LocalDate on) {
        // Anywhere: an objection only ever removes a person's data (the figures stay as anonymous tallies).
        Access.require(actor, "record objections", PERSON_LEVEL);
        Problems p = new Problems();
        CitizenId id = parseCitizenId(p, citizenId, null);
        p.required("objectedOn", on);
        p.throwIfAny();
        byte[] hmac = citizenHmac(protector.get(), id);
        return db.inTransaction(s -> {
            ResidentMapper m = s.getMapper(ResidentMapper.class);
            m.adoptionGateExclusive();
            // Whether someone was on record is person-level data: told only to an actor who could
            // have looked the person up (she lives in her scope today). The erasure happens anyway.
            ResidentRows.ResidentRow before = m.residentByHmac(hmac);
            boolean visible = before != null && (before.villageId == null ? actor.unrestricted()
                    : Access.contains(s, actor, before.villageId, LocalDate.now(ZONE)));
            boolean existed = objectAndErase(m, hmac, on);
            m.audit(actor.id(), "OBJECTION_RECORDED", null, null, scopeOf(actor),
                    existed ? (visible ? "record erased" : "record erased (outside the scope: not told)") : "no record");
            return existed && visible;
        });
    }

    private static boolean objectAndErase(ResidentMapper m, byte[] hmac, LocalDate on) {
        m.insertObjection(hmac, on);
        ResidentRows.ResidentRow resident = m.residentByHmac(hmac);
        if (resident == null) {
            return false;
        }
        m.anonymise(new Long[]{resident.id});
        m.enableErasure();
        m.eraseEvents(resident.id);
        m.eraseResidences(resident.id);
        m.eraseResident(resident.id);
        return true;
    }

    // --- person-level reads (audited) -----------------------------------------------------------

    /**
     * A resident with status per service, history and residences, found by citizen ID (hashed here,
     * never stored or echoed). Every lookup, found or not, writes an audit row.
     */
    public Optional<ResidentRecord> resident(Actor actor, String citizenId) {
        Access.require(actor, "read person-level records", PERSON_LEVEL);
        Problems p = new Problems();
        CitizenId id = parseCitizenId(p, citizenId, null);
        p.throwIfAny();
        byte[] hmac = citizenHmac(protector.get(), id);
        return db.inTransaction(s -> {
            ResidentMapper m = s.getMapper(ResidentMapper.class);
            return record(s, actor, m, m.residentByHmac(hmac), "RESIDENT_LOOKUP");
        });
    }

    /** A resident by internal id (a global id the caller already holds); audited like a lookup. */
    public Optional<ResidentRecord> residentById(Actor actor, long id) {
        Access.require(actor, "read person-level records", PERSON_LEVEL);
        return db.inTransaction(s -> {
            ResidentMapper m = s.getMapper(ResidentMapper.class);
            return record(s, actor, m, m.residentsByIds(new Long[]{id}).stream().findFirst().orElse(null), "RESIDENT_BY_ID");
        });
    }

    /**
     * The record of a resident the actor may see: one who lives in her scope today. Someone found
     * elsewhere is answered like someone not found (so a lookup reveals nothing outside the scope),
     * and audited as such.
     */
    private static Optional<ResidentRecord> record(org.apache.ibatis.session.SqlSession s, Actor actor, ResidentMapper m,
                                                   ResidentRows.ResidentRow row, String action) {
        boolean visible = row != null && (row.villageId == null ? actor.unrestricted()
                : Access.contains(s, actor, row.villageId, LocalDate.now(ZONE)));
        m.audit(actor.id(), action, row == null ? null : row.id, row == null ? null : row.villageId, scopeOf(actor),
                row == null ? "not found" : visible ? "status, history, residences" : "outside the scope: nothing shown");
        if (!visible) {
            return Optional.empty();
        }
        Long[] ids = {row.id};
        List<ServiceStatus> statuses = m.statuses(ids).stream().map(ResidentRows.StatusRow::status).toList();
        List<AdoptionEvent> history = m.history(ids).stream().map(ResidentRows.EventRow::event).toList();
        List<Residence> residences = m.residences(ids).stream().map(ResidentRows.ResidenceRow::residence).toList();
        if (!actor.unrestricted()) {
            // Someone who lives in her scope today may have lived, and been recorded, elsewhere: she
            // sees the facts dated when and where they lay in her scope, not the rest of the history.
            LocalDate today = LocalDate.now(ZONE);
            java.util.function.Function<Residence, UnitAt> lastDay = r -> new UnitAt(r.villageId(), r.to() == null ? today : r.to().minusDays(1));
            List<UnitAt> keys = new ArrayList<>();
            history.forEach(e -> keys.add(new UnitAt(e.villageId(), e.occurredOn())));
            residences.forEach(r -> keys.add(lastDay.apply(r)));
            java.util.Set<UnitAt> inScope = Access.inScope(s, actor, keys);
            statuses = visibleStatuses(s, actor, statuses, history);
            history = history.stream().filter(e -> inScope.contains(new UnitAt(e.villageId(), e.occurredOn()))).toList();
            residences = residences.stream().filter(r -> inScope.contains(lastDay.apply(r))).toList();
        }
        return Optional.of(new ResidentRecord(row.resident(), statuses, history, residences));
    }

    /**
     * An adoption event by id (a global id the caller already holds): person-level data, for the
     * roles allowed it, when it was recorded in the actor's scope on its date; audited, found or not.
     */
    public Optional<AdoptionEvent> eventById(Actor actor, long id) {
        Access.require(actor, "read person-level records", PERSON_LEVEL);
        return db.inTransaction(s -> {
            ResidentMapper m = s.getMapper(ResidentMapper.class);
            ResidentRows.EventRow row = m.eventsByIds(new Long[]{id}).stream().findFirst().orElse(null);
            boolean visible = row != null && Access.contains(s, actor, row.villageId, row.occurredOn);
            m.audit(actor.id(), "ADOPTION_EVENT_BY_ID", row == null ? null : row.residentId, row == null ? null : row.villageId,
                    scopeOf(actor), row == null ? "not found" : visible ? "the event" : "outside the scope: nothing shown");
            return visible ? Optional.of(row.event()) : Optional.<AdoptionEvent>empty();
        });
    }

    /**
     * The audit log of person-level reads, newest first; optionally of one resident. For province
     * administrators: the reads of residents who lived in their scope when read, and lookups that
     * found nobody.
     */
    public Page<PersonDataAccess> accessLog(Actor actor, Long residentId, PageRequest page) {
        Access.require(actor, "read the audit log", Role.PROVINCE_ADMIN);
        return db.read(s -> {
            ResidentMapper m = s.getMapper(ResidentMapper.class);
            return new Page<>(m.accessLog(residentId, actor.scopeArray(), page.offset(), page.limit()).stream()
                    .map(ResidentRows.AccessRow::access).toList(), m.accessCount(residentId, actor.scopeArray()), page.offset());
        });
    }

    // --- counts and population ------------------------------------------------------------------

    /**
     * Recomputes the running counts from every event (and the anonymous tallies) and the monthly
     * levels from the daily counts, and compares both with what is stored.
     */
    public CountCheck checkCounts(Actor actor) {
        Access.require(actor, "recheck the counts", Role.PROVINCE_ADMIN);
        return db.readAll(s -> {
            ResidentMapper m = s.getMapper(ResidentMapper.class);
            return new CountCheck(m.countRows(), m.countDifferences(100).stream().map(ResidentRows.DifferenceRow::difference).toList(),
                    m.monthRows(), m.monthDifferences(100).stream().map(ResidentRows.MonthDifferenceRow::difference).toList());
        });
    }

    /** Population figures of a unit (any level), optionally of one year. */
    public List<PopulationFigure> population(Actor actor, String unitCode, Integer year, LocalDate asOf) {
        AdministrativeUnit unit = hierarchy.requireUnit(actor, "unit", unitCode, asOf);
        return db.read(s -> s.getMapper(ResidentMapper.class).population(new Long[]{Long.valueOf(unit.id())}, year))
                .stream().map(ResidentRows.PopulationRow::figure).toList();
    }

    // --- checks shared with the bulk import -----------------------------------------------------

    /** The number, with every problem of it and of the birth year recorded (so that a wrong sex is reported too). */
    static CitizenId parseCitizenId(Problems p, String text, Integer birthYear) {
        CitizenId id;
        try {
            id = CitizenId.parse(text, null);
        } catch (InvalidInputException e) {
            e.problems().forEach(f -> p.add(f.field(), f.reason(), f.message()));
            return null;
        }
        try {
            CitizenId.parse(text, birthYear);
        } catch (InvalidInputException e) {
            e.problems().forEach(f -> p.add(f.field(), f.reason(), f.message()));
        }
        return id;
    }

    private AdministrativeUnit village(Actor actor, Problems p, String code, LocalDate on) {
        if (p.text("village", code, 20) == null || on == null) {
            return null;
        }
        Optional<AdministrativeUnit> unit = hierarchy.unit(actor, code, on);
        if (unit.isEmpty()) {
            // The code is not repeated: a citizen ID typed in the wrong field would be echoed.
            p.add("village", "UNKNOWN_UNIT", "no unit has this code on " + on);
            return null;
        }
        if (unit.get().level() != UnitLevel.VILLAGE) {
            p.add("village", "NOT_A_VILLAGE", "this unit is a " + unit.get().level().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not a village (thôn/tổ dân phố): residence is recorded by village");
            return null;
        }
        return unit.get();
    }

    static void checkAttributes(Problems p, Map<String, String> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            p.add("attributes", "TOO_MANY", "at most " + MAX_ATTRIBUTES + " attributes");
            return;
        }
        attributes.forEach((name, value) -> {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,49}")) {
                p.add("attributes", "INVALID_NAME", "attribute names are letters, digits and _ (at most 50)");
            } else if (value == null || value.length() > 500 || value.codePoints().anyMatch(Character::isISOControl)) {
                p.add("attributes." + name, "INVALID_VALUE", "an attribute value is 0 to 500 characters without control characters");
            }
        });
    }

    static void add(Problems p, AttributeProblem problem) {
        String field = problem.attribute() != null ? "attributes." + problem.attribute()
                : switch (problem.code()) {
                    case "UNKNOWN_SERVICE", "SERVICE_UNAVAILABLE" -> "service";
                    case "UNKNOWN_STAGE" -> "stage";
                    default -> "attributes";
                };
        p.add(field, problem.code(), problem.message().en());
    }
}
