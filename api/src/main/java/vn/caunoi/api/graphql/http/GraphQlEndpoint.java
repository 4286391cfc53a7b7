package vn.caunoi.api.graphql.http;

import vn.caunoi.core.CauNoi;
import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.reactivestreams.Publisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.graphql.support.DefaultGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.security.Actors;
import vn.caunoi.core.common.Actor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * GraphQL over HTTP at {@code /graphql}, as the GraphQL-over-HTTP draft says, in place of Spring's
 * POST-only handler (which knows neither GET nor {@code documentId}):
 *
 * <ul>
 *   <li>{@code POST} with a JSON body ({@code query}, {@code operationName}, {@code variables},
 *   {@code extensions}, {@code documentId}), or {@code application/graphql} (the text alone);</li>
 *   <li>{@code GET} with the same as URL parameters ({@code variables} and {@code extensions} as
 *   JSON): queries only; a mutation is refused with 405 before it runs;</li>
 *   <li>{@code POST} with {@code Accept: text/event-stream}: subscriptions over server-sent events
 *   (GraphQL over SSE, one stream per request: {@code next} events, then {@code complete});</li>
 *   <li>answers as {@code application/graphql-response+json} when the client accepts it (a request
 *   that could not run — unparsable, invalid, refused before execution — is then a 400), else
 *   {@code application/json} (200 for every GraphQL answer);</li>
 *   <li>trusted documents: a hash in place of the text ({@link TrustedDocuments});</li>
 *   <li>public answers to GET cacheable ({@code ETag}, {@code Cache-Control: public}), never an
 *   answer to a signed-in user.</li>
 * </ul>
 * Everything else — limits, rate limits, access rules, error codes — is the same for every
 * transport: each request goes through the same {@link WebGraphQlHandler}.
 */
public final class GraphQlEndpoint {

    static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");
    private static final MediaType APPLICATION_GRAPHQL = MediaType.parseMediaType("application/graphql");
    private static final Set<String> PARAMETERS = Set.of("query", "operationName", "variables", "extensions", "documentId");

    private final CauNoi caunoi;
    private final WebGraphQlHandler handler;
    private final TrustedDocuments documents;
    private final JsonMapper json;
    private final Duration publicMaxAge;
    private final Sse sse;
    private final IdGenerator ids = new AlternativeJdkIdGenerator();
    /** The operations of the documents seen, by their text ({@link #operation}). */
    private final Map<String, List<Defined>> operations = new ConcurrentHashMap<>();
    private static final int KNOWN_DOCUMENTS = 2_000;
    /** Documents longer than this (a client's are a few kilobytes) are parsed each time, not kept: bounds the map's memory. */
    private static final int KNOWN_DOCUMENT_CHARS = 16_384;

    public GraphQlEndpoint(CauNoi caunoi, WebGraphQlHandler handler, TrustedDocuments documents, JsonMapper json, Duration publicMaxAge,
                           Duration sseTimeout, Duration sseKeepAlive) {
        this.caunoi = caunoi;
        this.handler = handler;
        this.documents = documents;
        this.json = json;
        this.publicMaxAge = publicMaxAge;
        this.sse = new Sse(handler, sseTimeout, sseKeepAlive);
    }

    /** A request as the client sent it, before its document is resolved. */
    private record Sent(String query, String operationName, Map<String, Object> variables, Map<String, Object> extensions,
                        String documentId) {
    }

    /** A request refused before anything ran: its status (for application/json; 400 or 405 for both), code and message. */
    private static final class Refused extends Exception {
        final int legacyStatus;
        final int status;
        final String code;

        Refused(int legacyStatus, int status, String code, String message) {
            super(message, null, false, false);
            this.legacyStatus = legacyStatus;
            this.status = status;
            this.code = code;
        }

        /** A malformed request: 400 whatever the client accepts. */
        static Refused bad(String code, String message) {
            return new Refused(400, 400, code, message);
        }
    }

    public ServerResponse handle(ServerRequest request) throws Exception {
        HttpMethod method = request.method();
        boolean get = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        if (!get && !HttpMethod.POST.equals(method)) {
            return refuse(request, new Refused(405, 405, "METHOD_NOT_ALLOWED", "GraphQL is sent with GET (queries) or POST"));
        }
        boolean stream = wantsEventStream(request);
        Actor actor = Actors.current();
        boolean anonymous = actor.kind() == Actor.Kind.ANONYMOUS;
        try {
            if (get && stream) {
                throw new Refused(405, 405, "SUBSCRIPTION_REQUIRES_POST", "subscribe with POST and Accept: text/event-stream");
            }
            Sent sent = get ? fromParameters(request) : fromBody(request);
            String hash = sent.documentId() != null ? sent.documentId() : persistedQueryHash(sent.extensions());
            TrustedDocuments.Resolution resolution = documents.resolve(sent.query(), hash, anonymous);
            if (resolution.refused()) {
                throw "BAD_REQUEST".equals(resolution.code()) ? Refused.bad(resolution.code(), resolution.message())
                        : new Refused(200, 400, resolution.code(), resolution.message());
            }
            OperationDefinition.Operation operation = operation(resolution.text(), sent.operationName());
            if (get && operation == OperationDefinition.Operation.MUTATION) {
                throw new Refused(405, 405, "MUTATION_REQUIRES_POST", "mutations are sent with POST, never GET");
            }
            if (!stream && operation == OperationDefinition.Operation.SUBSCRIPTION) {
                throw Refused.bad("SUBSCRIPTION_REQUIRES_SSE", "subscriptions are sent with POST and Accept: text/event-stream");
            }
            WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
                    new LinkedMultiValueMap<>(), request.remoteAddress().orElse(null), request.attributes(),
                    new DefaultGraphQlRequest(resolution.text(), sent.operationName(), sent.variables(), sent.extensions()),
                    ids.generateId().toString(), LocaleContextHolder.getLocale());
            if (stream) {
                return sse.stream(request, handler.handleRequest(graphQlRequest));
            }
            if (operation == OperationDefinition.Operation.QUERY) {
                // The data fetchers of a query, run on this thread, share one read-only transaction.
                return caunoi.readTogether(() -> answer(request, graphQlRequest, get, anonymous));
            }
            return answer(request, graphQlRequest, get, anonymous);
        } catch (Refused refused) {
            return refuse(request, refused);
        }
    }

    private ServerResponse answer(ServerRequest request, WebGraphQlRequest graphQlRequest, boolean get, boolean anonymous) {
        CompletableFuture<ServerResponse> future = handler.handleRequest(graphQlRequest).map(r -> render(request, r, get, anonymous)).toFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            try {
                return future.get();
            } catch (InterruptedException | ExecutionException ignored) {
                // answered asynchronously below
            }
        }
        return ServerResponse.async(future);
    }

    // --- reading the request ----------------------------------------------------------------------

    private Sent fromParameters(ServerRequest request) throws Refused {
        for (String name : request.params().keySet()) {
            if (request.params().get(name).size() > 1 && PARAMETERS.contains(name)) {
                throw Refused.bad("BAD_REQUEST", "the parameter " + name + " is given more than once");
            }
        }
        return new Sent(request.param("query").orElse(null), blankToNull(request.param("operationName").orElse(null)),
                object("variables", request.param("variables").orElse(null)),
                object("extensions", request.param("extensions").orElse(null)),
                blankToNull(request.param("documentId").orElse(null)));
    }

    private Sent fromBody(ServerRequest request) throws Exception {
        MediaType type;
        try {
            type = request.headers().contentType().orElse(null);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(type) || APPLICATION_GRAPHQL.isCompatibleWith(type))
                || type.isWildcardType() || type.isWildcardSubtype()) {
            throw new Refused(415, 415, "UNSUPPORTED_MEDIA_TYPE", "send the request as application/json");
        }
        byte[] body = request.body(byte[].class);
        if (APPLICATION_GRAPHQL.isCompatibleWith(type)) {
            return new Sent(new String(body, java.nio.charset.StandardCharsets.UTF_8), null, null, null, null);
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw Refused.bad("BAD_REQUEST", "the body is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw Refused.bad("BAD_REQUEST", "the body is a JSON object with \"query\" (or a document's hash), \"variables\" and \"operationName\"");
        }
        return new Sent(text(tree, "query"), blankToNull(text(tree, "operationName")), object(tree, "variables"),
                object(tree, "extensions"), blankToNull(text(tree, "documentId")));
    }

    private static String text(JsonNode tree, String name) throws Refused {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw Refused.bad("BAD_REQUEST", "\"" + name + "\" is a string");
        }
        return node.asString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(JsonNode tree, String name) throws Refused {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw Refused.bad("BAD_REQUEST", "\"" + name + "\" is a JSON object");
        }
        return json.treeToValue(node, LinkedHashMap.class);
    }

    private Map<String, Object> object(String name, String text) throws Refused {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return object(json.readTree("{\"" + name + "\":" + text + "}"), name);
        } catch (JacksonException e) {
            throw Refused.bad("BAD_REQUEST", "the parameter " + name + " is not JSON");
        }
    }

    @SuppressWarnings("unchecked")
    private static String persistedQueryHash(Map<String, Object> extensions) {
        if (extensions != null && extensions.get("persistedQuery") instanceof Map<?, ?> persisted
                && persisted.get("sha256Hash") instanceof String hash) {
            return hash;
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean wantsEventStream(ServerRequest request) {
        try {
            return request.headers().accept().stream().anyMatch(t -> t.getType().equals("text") && t.getSubtype().equals("event-stream"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** An operation a document defines: its name (null when anonymous) and its kind. */
    private record Defined(String name, OperationDefinition.Operation operation) {
    }

    /**
     * The operation the request runs, when the document parses and names it clearly; null
     * otherwise, and the execution then says what is wrong with the usual error. Each document's
     * operations are kept by its text (clients send the same few again and again, and parsing one
     * costs more than answering {@code { __typename }}); when full, the map starts again empty.
     * Only documents of up to 16,384 characters are kept.
     */
    OperationDefinition.Operation operation(String text, String operationName) {
        if (text == null) {
            return null;
        }
        List<Defined> defined = operations.get(text);
        if (defined == null) {
            defined = operations(text);
            if (text.length() <= KNOWN_DOCUMENT_CHARS) {
                if (operations.size() >= KNOWN_DOCUMENTS) {
                    operations.clear();
                }
                operations.put(text, defined);
            }
        }
        OperationDefinition.Operation found = null;
        int matching = 0;
        for (Defined d : defined) {
            if (operationName == null || operationName.equals(d.name())) {
                found = d.operation();
                matching++;
            }
        }
        return matching == 1 ? found : null;
    }

    /** The operations {@code text} defines; none when it does not parse or is past the parser's limits. */
    static List<Defined> operations(String text) {
        Document document;
        try {
            document = Parser.parse(text);
        } catch (RuntimeException e) {
            return List.of(); // the execution refuses it with its code
        }
        return document.getDefinitionsOfType(OperationDefinition.class).stream()
                .map(o -> new Defined(o.getName(), o.getOperation())).toList();
    }

    // --- writing the answer -----------------------------------------------------------------------

    /** application/graphql-response+json when the client prefers it to application/json, else application/json. */
    static MediaType responseType(ServerRequest request) {
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(request.headers().accept());
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_JSON;
        }
        accepted.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType t : accepted) {
            if (t.getQualityValue() > 0 && GRAPHQL_RESPONSE.equalsTypeAndSubtype(t)) {
                return GRAPHQL_RESPONSE;
            }
            if (t.getQualityValue() > 0 && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(t)) {
                return MediaType.APPLICATION_JSON;
            }
        }
        return MediaType.APPLICATION_JSON;
    }

    private ServerResponse render(ServerRequest request, WebGraphQlResponse response, boolean get, boolean anonymous) {
        MediaType type = responseType(request);
        boolean ran = response.getExecutionResult().isDataPresent();
        int status = !ran && type.equals(GRAPHQL_RESPONSE) ? 400 : 200;
        byte[] body = ResultJson.write(response.toMap(), json);
        ServerResponse.BodyBuilder builder = ServerResponse.status(status).contentType(type)
                .headers(h -> h.putAll(response.getResponseHeaders()));
        if (get && anonymous && status == 200 && response.getErrors().isEmpty() && !publicMaxAge.isZero()) {
            String etag = "\"" + TrustedDocuments.sha256(type + "\n" + new String(body, java.nio.charset.StandardCharsets.UTF_8))
                    .substring(0, 32) + "\"";
            String cacheControl = "public, max-age=" + publicMaxAge.toSeconds();
            builder.header(HttpHeaders.VARY, "Accept, Authorization");
            if (request.headers().header(HttpHeaders.IF_NONE_MATCH).stream()
                    .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                    .anyMatch(v -> v.equals(etag) || v.equals("W/" + etag) || v.equals("*"))) {
                return ServerResponse.status(304).eTag(etag).header(HttpHeaders.CACHE_CONTROL, cacheControl)
                        .header(HttpHeaders.VARY, "Accept, Authorization").build();
            }
            builder.eTag(etag).header(HttpHeaders.CACHE_CONTROL, cacheControl);
        } else if (get) {
            // An answer to a signed-in user, or one with errors, is never kept anywhere.
            builder.header(HttpHeaders.CACHE_CONTROL, anonymous ? "no-store" : "private, no-store");
        }
        return builder.body(body);
    }

    private ServerResponse refuse(ServerRequest request, Refused refused) {
        MediaType type = responseType(request);
        int status = type.equals(GRAPHQL_RESPONSE) ? refused.status : refused.legacyStatus;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", refused.getMessage());
        error.put("extensions", Map.of("code", refused.code));
        ServerResponse.BodyBuilder builder = ServerResponse.status(status).contentType(type)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == 405) {
            builder.header(HttpHeaders.ALLOW, "MUTATION_REQUIRES_POST".equals(refused.code) || refused.code.startsWith("SUBSCRIPTION")
                    ? "POST" : "GET, POST");
        }
        return builder.body(json.writeValueAsBytes(Map.of("errors", List.of(error))));
    }

    /** Spring's handler of GraphQL over SSE, given requests read here; an answer that is not a stream becomes one. */
    private static final class Sse extends GraphQlSseHandler {
        Sse(WebGraphQlHandler handler, Duration timeout, Duration keepAlive) {
            super(handler, timeout, keepAlive);
        }

        /**
         * A subscription refused before it started (its role, its scope, a bad argument) has no
         * stream: its errors are sent as one {@code next} event, then {@code complete}, instead of
         * Spring's generic "SSE handler supports only subscriptions", which would lose them.
         */
        ServerResponse stream(ServerRequest request, Mono<WebGraphQlResponse> response) {
            return prepareResponse(request, response.map(r -> {
                if (r.getData() instanceof Publisher<?>) {
                    return r;
                }
                ExecutionResult single = r.getExecutionResult();
                return r.transform(b -> b.data(Flux.just(single)));
            }));
        }
    }
}
