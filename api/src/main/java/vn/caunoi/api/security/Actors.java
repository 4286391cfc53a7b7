package vn.caunoi.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import vn.caunoi.core.common.Actor;

/**
 * The actor of the current request: the signed-in user (her role and scope read from the database
 * when the request came in), else the anonymous public. Every controller calls core with it.
 */
public final class Actors {

    private Actors() {
    }

    public static Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof ActorAuthentication a ? a.actor() : Actor.anonymous();
    }
}
