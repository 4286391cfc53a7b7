package vn.caunoi.core.store;

import org.apache.ibatis.annotations.Param;

import java.util.List;

/** SQL of users and scopes. */
public interface AccessMapper {

    /** Of these units (each seen on its date, placed on the map of that date), the positions (from 1) of those in the scope. */
    List<Integer> inScope(@Param("ids") Long[] unitIds, @Param("dates") String[] dates, @Param("scope") Long[] scope);

    List<Integer> teamsInScope(@Param("ids") Long[] teamIds, @Param("dates") String[] dates, @Param("scope") Long[] scope);

    List<Long> membersInScope(@Param("ids") Long[] memberIds, @Param("scope") Long[] scope);

    List<Long> campaignsInScope(@Param("ids") Long[] campaignIds, @Param("scope") Long[] scope);

    List<AccessRows.IntervalRow> scopeIntervals(@Param("roots") Long[] roots);

    AccessRows.UserRow userBySubject(@Param("subject") String subject);

    AccessRows.UserRow user(@Param("id") long id);

    List<AccessRows.UserRow> users(@Param("scope") Long[] scope, @Param("offset") int offset, @Param("limit") int limit);

    long countUsers(@Param("scope") Long[] scope);

    long insertUser(@Param("u") AccessRows.UserRow user);

    int updateUser(@Param("u") AccessRows.UserRow user);

    int clearScope(@Param("id") long userId);

    int addScope(@Param("id") long userId, @Param("units") Long[] unitIds);
}
