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
import vn.caunoi.api.graphql.FieldHooks;
import vn.caunoi.api.plugins.PluginSystem;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which operation of core each query and mutation is, and so which roles may call it: checked
 * before the field runs, a first line in front of core (which checks the same operation again, and
 * the scope in SQL). The roles come from core's one table ({@link Operation}); {@code docs/security.md}
 * lists the same (a test holds both to it). A field without a rule — a new field — is refused to
 * everyone and reported at start; a test fails the build for it (AuthorizationMatrixTest). Root
 * fields a plugin adds are {@link Operation#READ_PLUGIN_DATA}.
 */
@Component
public class AccessRules extends FieldHooks.LeavingTrivialFetchers {

    private static final Logger log = LoggerFactory.getLogger(AccessRules.class);

    /** The operation of every root field: "Query.name", "Mutation.name" or "Subscription.name". */
    public static final Map<String, Operation> RULES = Map.ofEntries(
            Map.entry("Query.node", Operation.FIND_BY_ID),
            Map.entry("Query.unit", Operation.READ_MAP),
            Map.entry("Query.units", Operation.READ_MAP),
            Map.entry("Query.hierarchyChanges", Operation.READ_MAP),
            Map.entry("Query.digitalServices", Operation.READ_SERVICES),
            Map.entry("Query.digitalService", Operation.READ_SERVICES),
            Map.entry("Query.population", Operation.READ_INDICATORS),
            Map.entry("Query.adoptionRates", Operation.READ_INDICATORS),
            Map.entry("Query.adoptionTrend", Operation.READ_INDICATORS),
            Map.entry("Query.adoptionTargets", Operation.READ_INDICATORS),
            Map.entry("Query.me", Operation.READ_OWN_IDENTITY),
            Map.entry("Query.coverage", Operation.READ_COVERAGE),
            Map.entry("Query.teams", Operation.READ_TEAMS),
            Map.entry("Query.team", Operation.READ_TEAMS),
            Map.entry("Query.members", Operation.READ_TEAMS),
            Map.entry("Query.supportActivities", Operation.READ_TEAM_WORK),
            Map.entry("Query.trainings", Operation.READ_TEAM_WORK),
            Map.entry("Query.campaigns", Operation.READ_TEAM_WORK),
            Map.entry("Query.feedback", Operation.READ_TEAM_WORK),
            Map.entry("Query.teamScorecards", Operation.READ_SCORECARDS),
            Map.entry("Query.checkServiceRecord", Operation.CHECK_SERVICE_RECORD),
            Map.entry("Query.resident", Operation.READ_PERSON_LEVEL),
            Map.entry("Query.importJob", Operation.READ_IMPORT_JOBS),
            Map.entry("Query.plugins", Operation.READ_PLUGINS),
            Map.entry("Query.adoptionCountCheck", Operation.CHECK_COUNTS),
            Map.entry("Query.personDataAccessLog", Operation.READ_AUDIT_LOG),
            Map.entry("Query.users", Operation.MANAGE_USERS),
            Map.entry("Mutation.createTeam", Operation.MANAGE_TEAMS),
            Map.entry("Mutation.changeTeamStatus", Operation.MANAGE_TEAMS),
            Map.entry("Mutation.addMember", Operation.MANAGE_TEAMS),
            Map.entry("Mutation.addMembership", Operation.MANAGE_TEAMS),
            Map.entry("Mutation.endMembership", Operation.MANAGE_TEAMS),
            Map.entry("Mutation.createTraining", Operation.MANAGE_TRAININGS),
            Map.entry("Mutation.recordTrainingAttendance", Operation.MANAGE_TRAININGS),
            Map.entry("Mutation.createCampaign", Operation.MANAGE_CAMPAIGNS),
            Map.entry("Mutation.changeFeedbackStatus", Operation.MANAGE_FEEDBACK),
            Map.entry("Mutation.recordSupportActivity", Operation.RECORD_WORK),
            Map.entry("Mutation.recordFeedback", Operation.RECORD_WORK),
            Map.entry("Mutation.recordAdoption", Operation.RECORD_ADOPTION),
            Map.entry("Mutation.recordObjection", Operation.RECORD_ADOPTION),
            Map.entry("Mutation.setAdoptionTarget", Operation.SET_TARGETS),
            Map.entry("Mutation.createUser", Operation.MANAGE_USERS),
            Map.entry("Mutation.updateUser", Operation.MANAGE_USERS),
            // Live updates: the scope is checked by each, as by the queries they follow.
            Map.entry("Subscription.importJobProgress", Operation.READ_IMPORT_JOBS),
            Map.entry("Subscription.adoptionRate", Operation.FOLLOW_FIGURES));

    /**
     * Root fields plugins add ("Query.x"): {@link Operation#READ_PLUGIN_DATA}. A plugin's resolvers
     * are plain Java over its own reference data (they cannot read core), so signing in is all they need.
     */
    private final Set<String> pluginFields;

    public AccessRules(PluginSystem plugins) {
        this.pluginFields = Set.copyOf(plugins.rootFields());
    }

    /** Root fields of the schema that have no rule (refused to everyone), plugins' fields aside. */
    public Set<String> unruled(GraphQLSchema schema) {
        Set<String> missing = new TreeSet<>();
        for (GraphQLObjectType root : java.util.stream.Stream.of(schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType())
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

    /** Rules are on root fields, which all have fetchers of their own: trivial fetchers are left alone. */
    @Override
    protected DataFetcher<?> instrumentFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                               InstrumentationState state) {
        var info = parameters.getExecutionStepInfo();
        if (info.getParent() == null || info.getParent().getParent() != null) {
            return fetcher;
        }
        String type = info.getParent().getType() instanceof GraphQLObjectType o ? o.getName() : "";
        if (!type.equals("Query") && !type.equals("Mutation") && !type.equals("Subscription")) {
            return fetcher;
        }
        if (info.getFieldDefinition().getName().startsWith("__")) {
            return fetcher; // introspection: on or off for everyone (off in the prod profile)
        }
        String field = type + "." + info.getFieldDefinition().getName();
        Operation operation = RULES.containsKey(field) ? RULES.get(field) : pluginFields.contains(field) ? Operation.READ_PLUGIN_DATA : null;
        return env -> {
            Actor actor = Actors.current();
            if (operation == null) {
                throw AccessDeniedException.of(actor, field + " has no access rule");
            }
            if (!operation.allows(actor.role())) {
                throw AccessDeniedException.of(actor, "the role " + actor.role() + " may not use " + info.getFieldDefinition().getName());
            }
            return fetcher.get(env);
        };
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
