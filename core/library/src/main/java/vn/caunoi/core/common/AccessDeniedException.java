package vn.caunoi.core.common;

import vn.caunoi.core.common.CauNoiException;

/**
 * The actor may not do this: {@code UNAUTHENTICATED} for an anonymous caller (signing in may help),
 * {@code FORBIDDEN} for a user whose role or scope does not allow it. Nothing was read or written.
 */
public final class AccessDeniedException extends CauNoiException {

    private final String code;

    private AccessDeniedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public static AccessDeniedException of(Actor actor, String message) {
        return actor.kind() == Actor.Kind.ANONYMOUS
                ? new AccessDeniedException("UNAUTHENTICATED", message + "; sign in with a bearer token")
                : new AccessDeniedException("FORBIDDEN", message);
    }

    @Override
    public String code() {
        return code;
    }
}
