package vn.caunoi.core.team;

import java.time.LocalDate;

/** A member's place in a team over a period [{@code validFrom}, {@code validTo}). */
public record Membership(long id, long memberId, long teamId, TeamRole role, LocalDate validFrom, LocalDate validTo) {

    public boolean activeOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }

    /** A membership with the member who holds it, read together. */
    public record WithMember(Membership membership, Member member) {
    }
}
