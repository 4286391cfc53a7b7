package vn.caunoi.core.access;

import org.apache.ibatis.annotations.Param;

import java.util.List;

/** SQL of users and scopes. */
interface AccessMapper {

    /** Of these units (each seen on its date, placed on the map of that date), the positions (from 1) of those in the scope. */
    List<Integer> inScope(@Param("ids") Long[] unitIds, @Param("dates") String[] dates, @Param("scope") Long[] scope);

    List<AccessRows.IntervalRow> scopeIntervals(@Param("roots") Long[] roots);

    /** Of these (unit, date) keys, each unit existing on its date, the positions (from 1) of those outside the scope. */
    List<Integer> outsideScope(@Param("ids") Long[] unitIds, @Param("dates") String[] dates, @Param("scope") Long[] scope);

    AccessRows.UserRow userBySubject(@Param("subject") String subject);

    AccessRows.UserRow user(@Param("id") long id);

    /** The users whose every unit lies in the scope on {@code today} (on a unit's last day when it has ended). */
    List<AccessRows.UserRow> users(@Param("scope") Long[] scope, @Param("today") java.time.LocalDate today, @Param("offset") int offset,
                                   @Param("limit") int limit);

    long countUsers(@Param("scope") Long[] scope, @Param("today") java.time.LocalDate today);

    long insertUser(@Param("u") AccessRows.UserRow user);

    int updateUser(@Param("u") AccessRows.UserRow user);

    boolean memberExists(@Param("id") long memberId);

    int clearScope(@Param("id") long userId);

    int addScope(@Param("id") long userId, @Param("units") Long[] unitIds);
}
