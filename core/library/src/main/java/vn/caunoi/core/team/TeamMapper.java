package vn.caunoi.core.team;

import org.apache.ibatis.annotations.Param;
import vn.caunoi.core.hierarchy.UnitLevel;




import java.time.LocalDate;
import java.util.List;

/** SQL of teams, members and memberships (TeamMapper.xml beside it in resources). */
interface TeamMapper {

    long insertTeam(@Param("unitId") long unitId, @Param("level") UnitLevel level, @Param("name") String name,
                    @Param("on") LocalDate establishedOn);

    int insertStatus(@Param("teamId") long teamId, @Param("status") TeamStatus status, @Param("on") LocalDate on,
                     @Param("reason") String reason);

    int dissolve(@Param("teamId") long teamId, @Param("on") LocalDate on);

    List<TeamRows.TeamRow> teamsByIds(@Param("ids") Long[] ids, @Param("date") LocalDate date);

    List<TeamRows.TeamRow> teamsAt(@Param("ids") Long[] ids, @Param("dates") String[] dates);

    // membershipsAt (XML only): read by Tx.rows in MemberService.membershipsAt, not through this interface.

    LocalDate latestStatusChange(@Param("teamId") long teamId);

    int membershipsStartingFrom(@Param("teamId") long teamId, @Param("on") LocalDate on);

    List<TeamRows.TeamRow> searchTeams(@Param("underId") long underId, @Param("date") LocalDate date,
                                       @Param("status") TeamStatus status, @Param("level") UnitLevel level,
                                       @Param("offset") int offset, @Param("limit") int limit);

    long countTeams(@Param("underId") long underId, @Param("date") LocalDate date,
                    @Param("status") TeamStatus status, @Param("level") UnitLevel level);

    /** Of these (team, date) keys, the positions (from 1) of those whose team works in the scope on that date. */
    List<Integer> teamsInScope(@Param("ids") Long[] teamIds, @Param("dates") String[] dates, @Param("scope") Long[] scope);

    /** Of these members, those who were ever in a team of the scope. */
    List<Long> membersInScope(@Param("ids") Long[] memberIds, @Param("scope") Long[] scope, @Param("today") java.time.LocalDate today);

    long insertMember(@Param("name") String fullName, @Param("affiliation") Affiliation affiliation,
                      @Param("cipher") byte[] phoneCipher, @Param("masked") String phoneMasked);

    long insertMembership(@Param("memberId") long memberId, @Param("teamId") long teamId, @Param("role") TeamRole role,
                          @Param("from") LocalDate from);

    int endMembership(@Param("id") long membershipId, @Param("on") LocalDate on);

    TeamRows.MembershipRow membership(@Param("id") long id);

    List<TeamRows.MembershipRow> membershipsByIds(@Param("ids") Long[] ids);

    List<TeamRows.MembershipRow> membershipsOfTeams(@Param("ids") Long[] teamIds, @Param("date") LocalDate date);

    List<TeamRows.MembershipRow> membershipsOfMembers(@Param("ids") Long[] memberIds);

    /** With a scope (null: everything), only the members who were ever in a team of it. */
    List<TeamRows.MemberRow> membersByIds(@Param("ids") Long[] ids, @Param("scope") Long[] scope, @Param("today") java.time.LocalDate today);

    List<TeamRows.MemberRow> searchMembers(@Param("underId") long underId, @Param("date") LocalDate date,
                                           @Param("teamId") Long teamId, @Param("affiliation") Affiliation affiliation,
                                           @Param("offset") int offset, @Param("limit") int limit);

    long countMembers(@Param("underId") long underId, @Param("date") LocalDate date,
                      @Param("teamId") Long teamId, @Param("affiliation") Affiliation affiliation);

    TeamRows.CoverageRow coverage(@Param("rootId") long rootId, @Param("date") LocalDate date);

    List<TeamRows.CountRow> membersByAffiliation(@Param("rootId") long rootId, @Param("date") LocalDate date);

    boolean memberInTeam(@Param("memberId") long memberId, @Param("teamId") long teamId, @Param("date") LocalDate date);

    TeamRows.MemberRow phoneCipher(@Param("memberId") long memberId);

    // --- bulk, for demo data ---

    int insertTeams(@Param("list") List<TeamRows.TeamRow> teams);

    int insertMembers(@Param("list") List<TeamRows.MemberRow> members);

    int insertMemberships(@Param("list") List<TeamRows.MembershipRow> memberships);

    int insertInitialStatuses(@Param("list") List<TeamRows.TeamRow> teams);

    /** Fresh planner statistics after a bulk load. */
    void analyze();
}
