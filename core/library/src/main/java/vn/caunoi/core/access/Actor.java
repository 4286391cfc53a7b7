package vn.caunoi.core.access;

import java.util.Objects;

/**
 * Who is acting. Every service call of core takes one, so that access rules live in one place.
 *
 * <p>Until authentication arrives the server acts as {@link #system()}; the seam stays so that
 * scoping by role and subtree can be added without changing any call site.
 */
public record Actor(String id, Kind kind) {

    public enum Kind { SYSTEM, USER }

    private static final Actor SYSTEM = new Actor("system", Kind.SYSTEM);

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an actor needs an id");
        }
    }

    public static Actor system() {
        return SYSTEM;
    }
}
