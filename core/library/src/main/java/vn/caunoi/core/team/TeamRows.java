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
        public LocalDate keyDate;
        /** The member's columns, where the statement reads them with the membership. */
        public String memberFullName;
        public Affiliation memberAffiliation;
        public String memberPhoneMasked;

        public Membership membership() {
            return new Membership(id, memberId, teamId, role, validFrom, validTo);
        }

        public Membership.WithMember withMember() {
            return new Membership.WithMember(membership(), new Member(memberId, memberFullName, memberAffiliation, memberPhoneMasked));
        }
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
