package vn.caunoi.core.access;

import vn.caunoi.core.common.Role;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an actor may ask core to do, and which roles may: the one table of operations and roles.
 * Every service checks the operation it performs ({@link Access#require}); the server's rule for
 * each GraphQL field names an operation of this table, and {@code docs/security.md} lists it (a
 * test holds both to it). The scope — which units — is checked apart, in SQL.
 */
public enum Operation {

    // The map, the services and public statistics: everyone, small cells suppressed for the public.
    READ_MAP("read the map", Audience.EVERYONE),
    FIND_BY_ID("find an object by its id", Audience.EVERYONE),
    READ_SERVICES("read the digital services", Audience.EVERYONE),
    READ_INDICATORS("read indicators, targets and population figures", Audience.EVERYONE),
    READ_OWN_IDENTITY("see who is signed in", Audience.EVERYONE),
    // Teams and members per unit name nobody: provinces publish them. For any unit, to anyone.
    READ_COVERAGE("read the coverage of teams", Audience.EVERYONE),
    // Team data: signed-in users, in their scope.
    READ_TEAMS("read teams, members and memberships", Audience.SIGNED_IN),
    READ_TEAM_WORK("read the teams' work", Audience.SIGNED_IN),
    READ_SCORECARDS("read team scorecards", Audience.SIGNED_IN),
    READ_PLUGIN_DATA("read what plugins publish", Audience.SIGNED_IN),
    FOLLOW_FIGURES("follow a unit's figures as they change", Audience.SIGNED_IN),
    // Person-level data: never viewers or the public.
    CHECK_SERVICE_RECORD("check a record of a digital service", Audience.PERSON_LEVEL),
    READ_PERSON_LEVEL("read person-level records", Audience.PERSON_LEVEL),
    RECORD_ADOPTION("record adoption and objections", Audience.PERSON_LEVEL),
    RECORD_WORK("record support activities and feedback", Audience.PERSON_LEVEL),
    // The teams' managers.
    MANAGE_TEAMS("manage teams, members and memberships", Audience.MANAGERS),
    MANAGE_TRAININGS("manage trainings", Audience.MANAGERS),
    MANAGE_CAMPAIGNS("manage campaigns", Audience.MANAGERS),
    MANAGE_FEEDBACK("change the status of feedback", Audience.MANAGERS),
    READ_FULL_PHONE("read phone numbers in full", Audience.MANAGERS),
    IMPORT_ADOPTION("import adoption lists", Audience.MANAGERS),
    READ_IMPORT_JOBS("read import jobs", Audience.MANAGERS),
    // The province's administration.
    IMPORT_FIGURES("import population figures and targets", Audience.ADMINS),
    IMPORT_ROSTERS("import rosters of teams", Audience.ADMINS),
    IMPORT_ACTIVITIES("import support activities in bulk", Audience.ADMINS),
    SET_TARGETS("set targets", Audience.ADMINS),
    MANAGE_USERS("manage users", Audience.ADMINS),
    READ_AUDIT_LOG("read the audit log", Audience.ADMINS),
    CHECK_COUNTS("recheck the running counts", Audience.ADMINS),
    READ_PLUGINS("read the plugins' state", Audience.ADMINS);

    /** The sets of roles operations are open to. */
    public enum Audience {
        EVERYONE(EnumSet.allOf(Role.class)),
        SIGNED_IN(EnumSet.of(Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER, Role.VIEWER)),
        PERSON_LEVEL(EnumSet.of(Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER)),
        MANAGERS(EnumSet.of(Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER)),
        ADMINS(EnumSet.of(Role.PROVINCE_ADMIN));

        private final Set<Role> roles;

        Audience(Set<Role> roles) {
            this.roles = Collections.unmodifiableSet(roles);
        }

        public Set<Role> roles() {
            return roles;
        }
    }

    private final String description;
    private final Audience audience;

    Operation(String description, Audience audience) {
        this.description = description;
        this.audience = audience;
    }

    /** What it does, as an error message says: "the role VIEWER may not {description}". */
    public String description() {
        return description;
    }

    public Audience audience() {
        return audience;
    }

    public Set<Role> roles() {
        return audience.roles();
    }

    public boolean allows(Role role) {
        return audience.roles().contains(role);
    }
}
