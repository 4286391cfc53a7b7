package vn.caunoi.api.team;

import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.team.Member;
import vn.caunoi.core.team.Membership;
import vn.caunoi.core.team.Team;

import java.time.LocalDate;

/** Teams, members and memberships as GraphQL shows them: each with the date it is viewed on. */
public final class TeamViews {

    private TeamViews() {
    }

    public record TeamView(Team team, LocalDate asOf) implements DomainView {
        public String id() {
            return GlobalId.of("Team", team.id());
        }

        @Override
        public Object domain() {
            return team;
        }

        /** The same team on the same date: by its id, which is cheaper than every field (views are keys of the batch loaders' maps). */
        @Override
        public boolean equals(Object o) {
            return o instanceof TeamView v && v.team.id() == team.id() && v.asOf.equals(asOf);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(team.id()) * 31 + asOf.hashCode();
        }
    }

    public record MemberView(Member member, LocalDate asOf) implements DomainView {
        public String id() {
            return GlobalId.of("Member", member.id());
        }

        /** Always masked: a phone number is personal data, and no role sees it in full through the API. */
        public String phone() {
            return member.phoneMasked();
        }

        @Override
        public Object domain() {
            return member;
        }

        /** The same member on the same date: by its id, which is cheaper than every field (views are keys of the batch loaders' maps). */
        @Override
        public boolean equals(Object o) {
            return o instanceof MemberView v && java.util.Objects.equals(v.member, member) && v.asOf.equals(asOf);
        }

        @Override
        public int hashCode() {
            return (member == null ? 0 : Long.hashCode(member.id())) * 31 + asOf.hashCode();
        }
    }

    /** A membership on a date; {@code member} is its member when read with it (else null: read by the batch loader). */
    public record MembershipView(Membership membership, LocalDate asOf, Member member) implements DomainView {
        public MembershipView(Membership membership, LocalDate asOf) {
            this(membership, asOf, null);
        }

        public String id() {
            return GlobalId.of("Membership", membership.id());
        }

        @Override
        public Object domain() {
            return membership;
        }

        /** The same membership on the same date: by its id, which is cheaper than every field (views are keys of the batch loaders' maps). */
        @Override
        public boolean equals(Object o) {
            return o instanceof MembershipView v && v.membership.id() == membership.id() && v.asOf.equals(asOf);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(membership.id()) * 31 + asOf.hashCode();
        }
    }
}
