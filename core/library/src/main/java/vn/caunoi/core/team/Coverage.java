package vn.caunoi.core.team;

import java.util.Map;

/** How well a province or commune is covered by teams on a date. */
public record Coverage(long communes, long communesWithTeam, long villages, long villagesWithTeam, long teams,
                       long communeTeams, long villageTeams, long members, long communeMemberships, long villageMemberships,
                       Map<Affiliation, Long> membersByAffiliation) {

    public Double averageMembersPerCommuneTeam() {
        return communeTeams == 0 ? null : (double) communeMemberships / communeTeams;
    }

    public Double averageMembersPerVillageTeam() {
        return villageTeams == 0 ? null : (double) villageMemberships / villageTeams;
    }
}
