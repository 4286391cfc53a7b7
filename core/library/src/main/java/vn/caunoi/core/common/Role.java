package vn.caunoi.core.common;

/**
 * What a user may do. Who may do what is listed in docs/security.md; core checks it in every
 * service call, and the scope of a user (the units she may act on) in the SQL.
 */
public enum Role {
    /** Manages the province: users, targets, imports; reads and writes everything in the scope. */
    PROVINCE_ADMIN,
    /** A commune's officer: teams, members, trainings, campaigns, records and imports in the scope. */
    COMMUNE_OFFICER,
    /** A member of a team: records support activities, adoptions and feedback in the team's area. */
    TEAM_MEMBER,
    /** Reads aggregates and team data in the scope; no person-level records. */
    VIEWER,
    /** Anyone, without signing in: aggregate indicators only, small cells suppressed. */
    PUBLIC
}
