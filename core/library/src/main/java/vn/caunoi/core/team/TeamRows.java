package vn.caunoi.core.team;

import vn.caunoi.core.hierarchy.UnitLevel;

import vn.caunoi.core.team.Member;
import vn.caunoi.core.team.Membership;
import vn.caunoi.core.team.Team;



import java.time.LocalDate;

/** Rows of the team tables as read from and written to SQL. */
final class TeamRows {

    private TeamRows() {
    }

    public static final class TeamRow {
        public Long id;
        public Long unitId;
        public UnitLevel level;
        public String name;
        public LocalDate establishedOn;
        public LocalDate dissolvedOn;
        public TeamStatus status;
        public Long total;
        public LocalDate keyDate;

        public Team team() {
            return new Team(id, unitId, level, name, establishedOn, dissolvedOn, status);
        }
    }

    public static final class MemberRow {
        public Long id;
        public String fullName;
        public Affiliation affiliation;
        public byte[] phoneCipher;
        public String phoneMasked;
        public Long total;

        public Member member() {
            return new Member(id, fullName, affiliation, phoneMasked);
        }
    }

    public static final class MembershipRow {
        public Long id;
        public Long memberId;
        public Long teamId;
        public TeamRole role;
        public LocalDate validFrom;
        public LocalDate validTo;

        public Membership membership() {
            return new Membership(id, memberId, teamId, role, validFrom, validTo);
        }
    }

    /** A membership of a team on a key's date, with its member: a row of {@code membershipsAt}. */
    record MembershipAt(TeamService.TeamAt team, Membership.WithMember membership) {
    }

    /** A row of {@code membershipsAt}, read by the position of its columns there. */
    static MembershipAt membershipAt(java.sql.ResultSet r) throws java.sql.SQLException {
        LocalDate keyDate = r.getObject(1, LocalDate.class);
        long id = r.getLong(2);
        long memberId = r.getLong(3);
        long teamId = r.getLong(4);
        Membership membership = new Membership(id, memberId, teamId, TeamRole.valueOf(r.getString(5)), r.getObject(6, LocalDate.class),
                r.getObject(7, LocalDate.class));
        String affiliation = r.getString(9);
        Member member = new Member(memberId, r.getString(8), affiliation == null ? null : Affiliation.valueOf(affiliation), r.getString(10));
        return new MembershipAt(new TeamService.TeamAt(teamId, keyDate), new Membership.WithMember(membership, member));
    }

    public static final class CoverageRow {
        public long communes;
        public long communesWithTeam;
        public long villages;
        public long villagesWithTeam;
        public long teams;
        public long communeTeams;
        public long villageTeams;
        public long members;
        public long communeMemberships;
        public long villageMemberships;
    }

    public static final class CountRow {
        public String key;
        public long count;
    }
}
