package vn.caunoi.core.access;

import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.access.AccessMapper;
import vn.caunoi.core.access.AccessRows;
import vn.caunoi.core.store.Database;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Users, their role and scope. The role and scope of a request's user ({@link #actorFor}) are
 * remembered until a change of users, so that a transfer or a removal takes effect on the next
 * request. Only province administrators manage users, and only within their own scope.
 */
public final class Users {

    /** A user to create or change. {@code scope} are unit codes read on the map of {@code asOf} (default today). */
    public record UserInput(String subject, String displayName, Role role, boolean allUnits, List<String> scope, LocalDate asOf,
                            Long memberId, Boolean active) {
    }

    /** How long a user read from the database is trusted when nothing in this process changed users. */
    public static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(30);
    private static final int MAX_REMEMBERED = 10_000;

    /** A user as read, and when. */
    private record Remembered(Optional<Actor> actor, long readAt) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Remembered> actors = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private final Database db;
    private final HierarchyService hierarchy;
    private final Access access;
    private final Clock clock;

    public Users(Database db, HierarchyService hierarchy, Access access, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.hierarchy = Objects.requireNonNull(hierarchy);
        this.access = Objects.requireNonNull(access);
        this.clock = Objects.requireNonNull(clock);
        db.register(AccessMapper.class);
    }

    /**
     * The acting user of a token's subject: empty when no active user has it. Asked on every request,
     * so kept in memory: every change made here (create, update, bootstrap) empties the memory when
     * it commits, and the request after a transfer reads the new scope. A change made outside this
     * process (another server on the same database, SQL by hand) is read at the latest after
     * {@link #REMEMBERED}.
     */
    public Optional<Actor> actorFor(String subject) {
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Remembered known = actors.get(subject);
        if (known != null && now - known.readAt() < REMEMBERED.toNanos()) {
            return known.actor();
        }
        long generationBefore = generation.get();
        AccessRows.UserRow row = db.read(s -> s.mapper(AccessMapper.class).userBySubject(subject));
        Optional<Actor> actor = row == null || !row.active ? Optional.empty()
                : Optional.of(Actor.user(row.subject, row.role, row.allUnits, new HashSet<>(row.scopeIds()), row.memberId));
        if (actors.size() >= MAX_REMEMBERED) {
            actors.clear();
        }
        actors.put(subject, new Remembered(actor, now));
        if (generation.get() != generationBefore) {
            // A change committed while this was read: what was read may predate it.
            actors.remove(subject);
        }
        return actor;
    }

    /** After a change of users commits: forget every remembered user. */
    private <T> T changed(T result) {
        generation.incrementAndGet();
        actors.clear();
        return result;
    }

    public Optional<User> bySubject(Actor actor, String subject) {
        Objects.requireNonNull(actor, "actor");
        if (actor.kind() != Actor.Kind.SYSTEM && !actor.id().equals(subject)) {
            Access.require(actor, Operation.MANAGE_USERS);
        }
        return Optional.ofNullable(db.read(s -> s.mapper(AccessMapper.class).userBySubject(subject))).map(Users::user);
    }

    /** A user by internal id, for an administrator who manages her (or for the user herself). */
    public Optional<User> byId(Actor actor, long id) {
        Objects.requireNonNull(actor, "actor");
        return db.read(s -> {
            AccessRows.UserRow row = s.mapper(AccessMapper.class).user(id);
            if (row == null || !(row.subject.equals(actor.id()) || (actor.is(Role.PROVINCE_ADMIN) && manages(actor, row)))) {
                return Optional.<User>empty();
            }
            return Optional.of(user(row));
        });
    }

    /** The users an administrator manages: those whose every unit lies in her scope. */
    public Page<User> users(Actor actor, PageRequest page) {
        Access.require(actor, Operation.MANAGE_USERS);
        return db.read(s -> {
            AccessMapper m = s.mapper(AccessMapper.class);
            LocalDate today = LocalDate.now(clock);
            return new Page<>(m.users(actor.scopeArray(), today, page.offset(), page.limit()).stream().map(Users::user).toList(),
                    m.countUsers(actor.scopeArray(), today), page.offset());
        });
    }

    public User create(Actor actor, UserInput in) {
        Access.require(actor, Operation.MANAGE_USERS);
        Problems p = new Problems();
        String subject = p.text("subject", in.subject(), 200);
        String name = p.text("displayName", in.displayName(), 200);
        p.required("role", in.role());
        List<Long> scope = scope(actor, p, in);
        p.throwIfAny();
        checkMember(in);
        return changed(db.inTransaction(s -> {
            AccessMapper m = s.mapper(AccessMapper.class);
            if (m.userBySubject(subject) != null) {
                throw new InvalidInputException("subject", "ALREADY_A_USER", "a user with this subject exists");
            }
            AccessRows.UserRow row = new AccessRows.UserRow();
            row.subject = subject;
            row.displayName = name;
            row.role = in.role();
            row.allUnits = in.allUnits();
            row.memberId = in.memberId();
            row.active = in.active() == null || in.active();
            row.updatedBy = actor.id();
            long id = m.insertUser(row);
            if (!scope.isEmpty()) {
                m.addScope(id, scope.toArray(Long[]::new));
            }
            return user(m.user(id));
        }));
    }

    /** Changes a user's name, role, scope, member or whether she is active; takes effect on her next request. */
    public User update(Actor actor, long userId, UserInput in) {
        Access.require(actor, Operation.MANAGE_USERS);
        Problems p = new Problems();
        String name = p.text("displayName", in.displayName(), 200);
        p.required("role", in.role());
        List<Long> scope = scope(actor, p, in);
        p.throwIfAny();
        checkMember(in);
        return changed(db.inTransaction(s -> {
            AccessMapper m = s.mapper(AccessMapper.class);
            AccessRows.UserRow row = m.user(userId);
            if (row == null || !manages(actor, row)) {
                throw new InvalidInputException("user", "UNKNOWN_USER", "no user " + userId + " that you manage");
            }
            row.displayName = name;
            row.role = in.role();
            row.allUnits = in.allUnits();
            row.memberId = in.memberId();
            row.active = in.active() == null ? row.active : in.active();
            row.updatedBy = actor.id();
            m.updateUser(row);
            m.clearScope(userId);
            if (!scope.isEmpty()) {
                m.addScope(userId, scope.toArray(Long[]::new));
            }
            return user(m.user(userId));
        }));
    }

    /**
     * Creates the first administrator (the whole country) if no user has this subject: how an
     * operator gets in on a new installation. Returns whether it was created.
     */
    public boolean bootstrapAdministrator(String subject, String displayName) {
        return changed(db.inTransaction(s -> {
            AccessMapper m = s.mapper(AccessMapper.class);
            if (m.userBySubject(subject) != null) {
                return false;
            }
            AccessRows.UserRow row = new AccessRows.UserRow();
            row.subject = subject;
            row.displayName = displayName;
            row.role = Role.PROVINCE_ADMIN;
            row.allUnits = true;
            row.active = true;
            row.updatedBy = "system";
            m.insertUser(row);
            return true;
        }));
    }

    private boolean manages(Actor actor, AccessRows.UserRow row) {
        if (actor.unrestricted()) {
            return true;
        }
        if (row.allUnits || row.scopeIds().isEmpty()) {
            return false;
        }
        LocalDate today = LocalDate.now(clock);
        return row.scopeIds().stream().allMatch(u -> access.contains(actor, u, today));
    }

    private List<Long> scope(Actor actor, Problems p, UserInput in) {
        if (in.allUnits()) {
            if (!actor.unrestricted()) {
                p.add("allUnits", "OUTSIDE_SCOPE", "only an administrator of the whole country may give the whole country");
            }
            return List.of();
        }
        if (in.scope() == null || in.scope().isEmpty()) {
            p.add("scope", "REQUIRED", "a user acts on at least one unit (or allUnits)");
            return List.of();
        }
        LocalDate on = in.asOf() == null ? LocalDate.now(clock) : in.asOf();
        List<Long> ids = new ArrayList<>();
        for (String code : in.scope()) {
            Optional<AdministrativeUnit> unit = code == null ? Optional.empty() : hierarchy.unit(actor, code, on);
            if (unit.isEmpty()) {
                p.add("scope", "UNKNOWN_UNIT", "no unit has " + vn.caunoi.core.hierarchy.AdministrativeUnit.describeCode(code) + " on " + on);
            } else if (!access.contains(actor, unit.get().id(), on)) {
                p.add("scope", "OUTSIDE_SCOPE", unit.get().fullName() + " is outside your own scope");
            } else {
                ids.add(unit.get().id());
            }
        }
        return ids;
    }

    private void checkMember(UserInput in) {
        if (in.role() == Role.TEAM_MEMBER && in.memberId() == null) {
            throw new InvalidInputException("member", "REQUIRED", "a team member's user names the member she is");
        }
        if (in.memberId() != null && !db.read(tx -> tx.mapper(AccessMapper.class).memberExists(in.memberId()))) {
            throw new InvalidInputException("member", "UNKNOWN_MEMBER", "no member " + in.memberId());
        }
        if (in.role() == Role.PUBLIC) {
            throw new InvalidInputException("role", "INVALID", "PUBLIC is the role of callers who do not sign in");
        }
    }

    static User user(AccessRows.UserRow r) {
        return new User(r.id, r.subject, r.displayName, r.role, r.allUnits, r.scopeIds(), r.memberId, r.active);
    }
}
