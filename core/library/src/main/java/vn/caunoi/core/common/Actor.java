package vn.caunoi.core.common;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting. Every service call of core takes one, so that access rules live in one place.
 *
 * @param id       who, for the audit log: a user's subject, {@code system}, or {@code public}
 * @param kind     the system itself (the server's own work, the command line, an embedding
 *                 application acting for itself), a signed-in user, or an anonymous caller
 * @param role     what the user may do ({@link Role#PUBLIC} for anonymous callers)
 * @param allUnits the user may act on the whole country
 * @param scope    otherwise the units (internal ids) she may act on, each with everything under it
 *                 on the date of the data
 * @param memberId for a team member, the member she is in the teams
 */
public record Actor(String id, Kind kind, Role role, boolean allUnits, Set<Long> scope, Long memberId) {

    public enum Kind { SYSTEM, USER, ANONYMOUS }

    private static final Actor SYSTEM = new Actor("system", Kind.SYSTEM, Role.PROVINCE_ADMIN, true, Set.of(), null);
    private static final Actor ANONYMOUS = new Actor("public", Kind.ANONYMOUS, Role.PUBLIC, false, Set.of(), null);

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        scope = Set.copyOf(scope == null ? Set.of() : scope);
        if (id.isBlank()) {
            throw new IllegalArgumentException("an actor needs an id");
        }
        if ((kind == Kind.ANONYMOUS) != (role == Role.PUBLIC)) {
            throw new IllegalArgumentException("anonymous callers, and only they, have the PUBLIC role");
        }
    }

    /** The system: unrestricted. For the server's own work, the command line and embedding applications. */
    public static Actor system() {
        return SYSTEM;
    }

    /** Someone who did not sign in. */
    public static Actor anonymous() {
        return ANONYMOUS;
    }

    /** The system acting for a named operator (the command line): unrestricted, and named in the audit log. */
    public static Actor operator(String id) {
        return new Actor(id, Kind.SYSTEM, Role.PROVINCE_ADMIN, true, Set.of(), null);
    }

    public static Actor user(String id, Role role, boolean allUnits, Set<Long> scope, Long memberId) {
        return new Actor(id, Kind.USER, role, allUnits, scope, memberId);
    }

    /** True for the system and for users of the whole country. */
    public boolean unrestricted() {
        return kind == Kind.SYSTEM || (kind == Kind.USER && allUnits);
    }

    /** The scope as SQL takes it: null for unrestricted, else the units (empty for the public). */
    public Long[] scopeArray() {
        return unrestricted() ? null : scope.toArray(Long[]::new);
    }

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }

    /** How the audit log names the scope this actor acted under. */
    public String scopeLabel() {
        if (unrestricted()) {
            return kind == Kind.SYSTEM ? "ALL" : role + ":ALL";
        }
        return role + ":" + scope.stream().sorted().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
    }
}
