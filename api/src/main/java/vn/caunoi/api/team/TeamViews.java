package vn.caunoi.api.team;

import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.team.Affiliation;
import vn.caunoi.core.team.Member;
import vn.caunoi.core.team.Membership;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamRole;
import vn.caunoi.core.team.TeamStatus;

import java.time.LocalDate;

/** Teams, members and memberships as GraphQL shows them: each with the date it is viewed on. */
public final class TeamViews {

    private TeamViews() {
    }

    public record TeamView(Team team, LocalDate asOf) {
        public String id() {
            return GlobalId.of("Team", team.id());
        }

        public String name() {
            return team.name();
        }

        public UnitLevel level() {
            return team.level();
        }

        public LocalDate establishedOn() {
            return team.establishedOn();
        }

        public LocalDate dissolvedOn() {
            return team.dissolvedOn();
        }

        public TeamStatus status() {
            return team.status();
        }
    }

    public record MemberView(Member member, LocalDate asOf) {
        public String id() {
            return GlobalId.of("Member", member.id());
        }

        public String fullName() {
            return member.fullName();
        }

        public Affiliation affiliation() {
            return member.affiliation();
        }

        /** Masked: until roles exist (authentication), nobody may see a full number through the API. */
        public String phone() {
            return member.phoneMasked();
        }
    }

    public record MembershipView(Membership membership, LocalDate asOf) {
        public String id() {
            return GlobalId.of("Membership", membership.id());
        }

        public TeamRole role() {
            return membership.role();
        }

        public LocalDate validFrom() {
            return membership.validFrom();
        }

        public LocalDate validTo() {
            return membership.validTo();
        }
    }
}
