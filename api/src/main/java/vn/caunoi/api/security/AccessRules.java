package vn.caunoi.api.security;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.caunoi.api.plugins.PluginSystem;
import vn.caunoi.core.access.AccessDeniedException;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.access.Role;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which roles may call each query and mutation: checked before the field runs, a first line in
 * front of core (which checks the same roles again, and the scope in SQL). A field without a rule
 * — a new field, a plugin's root field — is refused to everyone and reported at start; a test
 * fails the build for it (AuthorizationMatrixTest). Root fields a plugin adds are open to signed-in
 * users. docs/security.md shows the same table.
 */
@Component
public class AccessRules extends SimplePerformantInstrumentation {

    private static final Logger log = LoggerFactory.getLogger(AccessRules.class);

    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> SIGNED_IN = EnumSet.of(Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER, Role.VIEWER);
    static final Set<Role> PERSON_LEVEL = EnumSet.of(Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER);
    static final Set<Role> MANAGERS = EnumSet.of(Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER);
    static final Set<Role> ADMINS = EnumSet.of(Role.PROVINCE_ADMIN);

    /** The rule of every root field: "Query.name" or "Mutation.name" → the roles that may call it. */
    public static final Map<String, Set<Role>> RULES = Map.ofEntries(
            // The map, the services and public statistics are public; indicators too, small cells suppressed.
            Map.entry("Query.node", ALL),
            Map.entry("Query.unit", ALL),
            Map.entry("Query.units", ALL),
            Map.entry("Query.hierarchyChanges", ALL),
            Map.entry("Query.digitalServices", ALL),
            Map.entry("Query.digitalService", ALL),
            Map.entry("Query.population", ALL),
            Map.entry("Query.adoptionRates", ALL),
            Map.entry("Query.adoptionTrend", ALL),
            Map.entry("Query.adoptionTargets", ALL),
            Map.entry("Query.me", ALL),
            // Coverage (teams and members per unit) is published by the provinces themselves.
            Map.entry("Query.coverage", ALL),
            // Team data: signed-in users, in their scope.
            Map.entry("Query.teams", SIGNED_IN),
            Map.entry("Query.team", SIGNED_IN),
            Map.entry("Query.members", SIGNED_IN),
            Map.entry("Query.supportActivities", SIGNED_IN),
            Map.entry("Query.trainings", SIGNED_IN),
            Map.entry("Query.campaigns", SIGNED_IN),
            Map.entry("Query.feedback", SIGNED_IN),
            Map.entry("Query.teamScorecards", SIGNED_IN),
            Map.entry("Query.checkServiceRecord", PERSON_LEVEL),
            // Person-level data: never viewers or the public.
            Map.entry("Query.resident", PERSON_LEVEL),
            Map.entry("Query.importJob", MANAGERS),
            // The province's administration.
            Map.entry("Query.plugins", ADMINS),
            Map.entry("Query.adoptionCountCheck", ADMINS),
            Map.entry("Query.personDataAccessLog", ADMINS),
            Map.entry("Query.users", ADMINS),
            Map.entry("Mutation.createTeam", MANAGERS),
            Map.entry("Mutation.changeTeamStatus", MANAGERS),
            Map.entry("Mutation.addMember", MANAGERS),
            Map.entry("Mutation.addMembership", MANAGERS),
            Map.entry("Mutation.endMembership", MANAGERS),
            Map.entry("Mutation.createTraining", MANAGERS),
            Map.entry("Mutation.recordTrainingAttendance", MANAGERS),
            Map.entry("Mutation.createCampaign", MANAGERS),
            Map.entry("Mutation.changeFeedbackStatus", MANAGERS),
            Map.entry("Mutation.recordSupportActivity", PERSON_LEVEL),
            Map.entry("Mutation.recordFeedback", PERSON_LEVEL),
            Map.entry("Mutation.recordAdoption", PERSON_LEVEL),
            Map.entry("Mutation.recordObjection", PERSON_LEVEL),
            Map.entry("Mutation.setAdoptionTarget", ADMINS),
            Map.entry("Mutation.createUser", ADMINS),
            Map.entry("Mutation.updateUser", ADMINS));

    /**
     * Root fields plugins add ("Query.x"): open to signed-in users. A plugin's resolvers are plain
     * Java over its own reference data (they cannot read core), so signing in is all they need.
     */
    private final Set<String> pluginFields;

    public AccessRules(PluginSystem plugins) {
        this.pluginFields = Set.copyOf(plugins.rootFields());
    }

    /** Root fields of the schema that have no rule (refused to everyone), plugins' fields aside. */
    public Set<String> unruled(GraphQLSchema schema) {
        Set<String> missing = new TreeSet<>();
        for (GraphQLObjectType root : java.util.stream.Stream.of(schema.getQueryType(), schema.getMutationType())
                .filter(java.util.Objects::nonNull).toList()) {
            for (GraphQLFieldDefinition f : root.getFieldDefinitions()) {
                if (!RULES.containsKey(root.getName() + "." + f.getName()) && !pluginFields.contains(root.getName() + "." + f.getName())) {
                    missing.add(root.getName() + "." + f.getName());
                }
            }
        }
        return missing;
    }

    /** Says at start which root fields nobody may call for want of a rule. */
    public void report(GraphQLSchema schema) {
        Set<String> missing = unruled(schema);
        if (!missing.isEmpty()) {
            log.error("these fields have no access rule and are refused to everyone: {}", missing);
        }
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        var info = parameters.getExecutionStepInfo();
        if (info.getParent() == null || info.getParent().getParent() != null) {
            return fetcher;
        }
        String type = info.getParent().getType() instanceof GraphQLObjectType o ? o.getName() : "";
        if (!type.equals("Query") && !type.equals("Mutation")) {
            return fetcher;
        }
        if (info.getFieldDefinition().getName().startsWith("__")) {
            return fetcher; // introspection: on or off for everyone (off in the prod profile)
        }
        String field = type + "." + info.getFieldDefinition().getName();
        Set<Role> allowed = RULES.containsKey(field) ? RULES.get(field) : pluginFields.contains(field) ? SIGNED_IN : null;
        return env -> {
            Actor actor = Actors.current();
            if (allowed == null) {
                throw AccessDeniedException.of(actor, field + " has no access rule");
            }
            if (!allowed.contains(actor.role())) {
                throw AccessDeniedException.of(actor, "the role " + actor.role() + " may not use " + info.getFieldDefinition().getName());
            }
            return fetcher.get(env);
        };
    }

    static List<String> names(Set<Role> roles) {
        return roles.stream().map(Enum::name).toList();
    }

    /** At start, reports the root fields that have no rule (and so are refused to everyone). */
    @Component
    static class StartupCheck {
        StartupCheck(org.springframework.beans.factory.ObjectProvider<org.springframework.graphql.execution.GraphQlSource> source,
                     AccessRules rules) {
            this.source = source;
            this.rules = rules;
        }

        private final AccessRules rules;

        private final org.springframework.beans.factory.ObjectProvider<org.springframework.graphql.execution.GraphQlSource> source;

        @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
        void check() {
            source.ifAvailable(s -> rules.report(s.schema()));
        }
    }
}
