package vn.caunoi.core.access;

import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Role;
import java.util.List;

/**
 * A user of the platform: the subject of her tokens, her role and the units she may act on
 * ({@code allUnits}: the whole country), and for a team member the member she is.
 */
public record User(long id, String subject, String displayName, Role role, boolean allUnits, List<Long> scope, Long memberId,
                   boolean active) {
}
