package vn.caunoi.api.security;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.ParserOptions;
import graphql.schema.DataFetcher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.api.graphql.FieldHooks;
import vn.caunoi.core.common.Actor;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds on what one GraphQL request may ask, so that a hostile client cannot knock the server
 * over: tokens and characters (the parser stops early), depth, fields (complexity) and aliases
 * (refused before anything runs), and a deadline (each field checks it; PostgreSQL cancels a
 * statement running past the same timeout). Rates per caller are {@link RateLimiter}'s; the
 * request body size is {@link RequestSizeFilter}'s; page sizes are checked with each list.
 */
@Configuration(proxyBeanMethods = false)
public class RequestLimits {

    static final String STARTED = "caunoi.startedNanos";
    static final String CLIENT = "caunoi.client";

    /** The caller's key for rates and stream counts (the user, or the public's address), as noted when the request came in. */
    public static String client(GraphQLContext context) {
        return context.getOrDefault(CLIENT, "unknown");
    }

    static GraphQLError error(String code, String message) {
        // A deadline passed is its own classification, not an aborted (refused) query.
        graphql.ErrorClassification type = "TIMEOUT".equals(code) ? vn.caunoi.api.graphql.ErrorHandling.Classification.TIMEOUT
                : graphql.ErrorType.ExecutionAborted;
        return GraphqlErrorBuilder.newError().message(message).errorType(type).extensions(Map.of("code", code)).build();
    }

    static AbortExecutionException abort(String code, String message) {
        return new AbortExecutionException(List.of(error(code, message)));
    }

    /** graphql-java's parser limits are global: set them once, from the configuration. */
    @Bean
    ParserOptions parserLimits(CauNoiProperties properties) {
        CauNoiProperties.Limits l = properties.limits();
        ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(b -> b
                .maxTokens(l.maxTokens()).maxWhitespaceTokens(Math.max(l.maxTokens() * 10, 20_000))
                .maxCharacters((int) Math.min(Integer.MAX_VALUE, l.maxRequestBytes()))
                .redactTokenParserErrorMessages(true));
        ParserOptions.setDefaultOperationParserOptions(options);
        return options;
    }

    @Bean
    MaxQueryDepthInstrumentation maxDepth(CauNoiProperties properties) {
        int max = properties.limits().maxDepth();
        Passed passed = new Passed();
        return new MaxQueryDepthInstrumentation(max) {
            @Override
            public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
                                                                                        InstrumentationState state) {
                return passed.before(p) ? SimpleInstrumentationContext.noOp() : passed.after(p, super.beginExecuteOperation(p, state));
            }

            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return abort("QUERY_TOO_DEEP", "the query is " + depth + " levels deep; at most " + maxDepth + " are allowed");
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation maxFields(CauNoiProperties properties) {
        int max = properties.limits().maxFields();
        Passed passed = new Passed();
        return new MaxQueryComplexityInstrumentation(max) {
            @Override
            public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
                                                                                        InstrumentationState state) {
                return passed.before(p) ? SimpleInstrumentationContext.noOp() : passed.after(p, super.beginExecuteOperation(p, state));
            }

            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return abort("QUERY_TOO_COMPLEX", "the query selects " + complexity + " fields; at most " + maxComplexity + " are allowed");
            }
        };
    }

    /**
     * The operations that passed a limit whose verdict their variables cannot change: the depth and
     * the fields of an operation depend on its variables only through {@code @skip} and
     * {@code @include}, so for a document with neither the count is the same every time. Clients
     * send the same few documents again and again, and the document cache hands out the same
     * parsed operation for the same text (by identity here): walking it again cost a twentieth of a
     * small query. Held weakly: what the document cache drops is dropped here too.
     */
    static final class Passed {
        /** By identity (AST nodes keep Object's equality); weak, so an operation the document cache dropped goes too. */
        private final Set<OperationDefinition> passed = java.util.Collections.newSetFromMap(
                java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>()));
        /** Documents with {@code @skip} or {@code @include}, walked once to know it. */
        private final Map<graphql.language.Document, Boolean> conditionalDocuments =
                java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

        /** Whether the operation passed before, so need not be checked. */
        boolean before(InstrumentationExecuteOperationParameters p) {
            return passed.contains(p.getExecutionContext().getOperationDefinition());
        }

        /** The operation passed the check (which throws when it does not): remembered if its variables cannot change that. */
        <T> T after(InstrumentationExecuteOperationParameters p, T checked) {
            graphql.language.Document document = p.getExecutionContext().getDocument();
            if (!conditionalDocuments.computeIfAbsent(document, d -> conditional(d.getChildren()))) {
                passed.add(p.getExecutionContext().getOperationDefinition());
            }
            return checked;
        }

        /** Whether any node under these carries {@code @skip} or {@code @include}. */
        static boolean conditional(List<graphql.language.Node> nodes) {
            for (graphql.language.Node<?> node : nodes) {
                if (node instanceof graphql.language.Directive d && (d.getName().equals("skip") || d.getName().equals("include"))) {
                    return true;
                }
                if (conditional(node.getChildren())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Aliases let one request ask the same expensive field thousands of times: count them. */
    @Bean
    FieldHooks.LeavingTrivialFetchers aliasesAndDeadline(CauNoiProperties properties) {
        int maxAliases = properties.limits().maxAliases();
        long timeoutNanos = properties.limits().timeout().toNanos();
        return new FieldHooks.LeavingTrivialFetchers() {
            @Override
            public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
                                                                                        InstrumentationState state) {
                OperationDefinition op = p.getExecutionContext().getOperationDefinition();
                int counted = 10 * maxAliases + 10;
                int aliases = aliases(op.getSelectionSet(), p.getExecutionContext().getFragmentsByName(), new HashSet<>(), counted);
                if (aliases > maxAliases) {
                    throw abort("TOO_MANY_ALIASES", "the query uses " + (aliases > counted ? "more than " + counted : aliases)
                            + " aliases; at most " + maxAliases + " are allowed");
                }
                return SimpleInstrumentationContext.noOp();
            }

            /** A property of an object already read takes no time: trivial fetchers are left alone. */
            @Override
            protected DataFetcher<?> instrumentFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters p, InstrumentationState s) {
                return env -> {
                    GraphQLContext context = env.getGraphQlContext();
                    Long started = context.get(STARTED);
                    // A subscription's events come long after the request began: the deadline is the
                    // subscribing's, not each event's (their SQL keeps PostgreSQL's statement timeout).
                    boolean event = env.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION
                            && env.getExecutionStepInfo().getPath().getLevel() > 1;
                    if (started != null && !event && System.nanoTime() - started > timeoutNanos) {
                        throw abort("TIMEOUT", "the request took longer than " + properties.limits().timeout().toSeconds()
                                + " s and was stopped; ask for less");
                    }
                    return fetcher.get(env);
                };
            }
        };
    }

    /**
     * The aliases a query runs: a fragment counts at every place it is spread (each runs its
     * fields again). Each fragment is counted once and its count reused ({@code counted}), so a
     * chain of fragments that each spread the next twice costs a walk of the document, not 2^n;
     * counts saturate at {@code cap}. {@code path} holds the fragments being expanded, against
     * cycles (validation refuses them, but this may run first).
     */
    static int aliases(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> path, int cap) {
        return aliases(set, fragments, path, new java.util.HashMap<>(), cap);
    }

    private static int aliases(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> path,
                               Map<String, Integer> counted, int cap) {
        if (set == null) {
            return 0;
        }
        long n = 0;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                n += (f.getAlias() != null ? 1 : 0) + aliases(f.getSelectionSet(), fragments, path, counted, cap);
            } else if (s instanceof InlineFragment i) {
                n += aliases(i.getSelectionSet(), fragments, path, counted, cap);
            } else if (s instanceof FragmentSpread spread) {
                String name = spread.getName();
                Integer known = counted.get(name);
                if (known == null && path.add(name)) {
                    FragmentDefinition d = fragments.get(name);
                    known = d == null ? 0 : aliases(d.getSelectionSet(), fragments, path, counted, cap);
                    path.remove(name);
                    counted.put(name, known);
                }
                n += known == null ? 0 : known;
            }
            if (n > cap) {
                return cap + 1;
            }
        }
        return (int) n;
    }

    /** Notes when the request began and who sent it (the user, or the client's address for the public). */
    @Bean
    WebGraphQlInterceptor requestContext() {
        return (request, chain) -> {
            Actor actor = Actors.current();
            String client = RateLimiter.client(actor,
                    request.getRemoteAddress() == null ? null : request.getRemoteAddress().getAddress().getHostAddress());
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(STARTED, System.nanoTime(), CLIENT, client)).build());
            return chain.next(request);
        };
    }
}
