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
    }

    public record MembershipView(Membership membership, LocalDate asOf) implements DomainView {
        public String id() {
            return GlobalId.of("Membership", membership.id());
        }

        @Override
        public Object domain() {
            return membership;
        }
    }
}
