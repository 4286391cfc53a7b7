package vn.caunoi.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Settings under {@code caunoi.*}.
 *
 * @param dataDir  where the embedded PostgreSQL keeps its data (and later keys); survives restarts
 * @param demoData load the demo data set on first start against an empty database
 * @param graphiql serve the GraphiQL page at /graphiql
 * @param timeZone the zone in which "today" is reckoned for dates left out
 * @param pluginsDir where digital-service plugins are loaded from; by default {@code plugins/} beside the server jar
 * @param personalDataKey base64 of 32 bytes protecting personal data; by default a key file generated in the data directory
 * @param resumeImports resume, when the server starts, the import jobs it was running when it stopped
 * @param importChunkRows rows per transaction of an uploaded import (progress is reported per chunk)
 * @param scorecard the thresholds below which a team's scorecard is flagged (a query may set its own)
 * @param security  authentication: where tokens come from, the first administrator, development tokens
 * @param limits    bounds on what one request may ask (hostile input), and rates per caller
 * @param publicMinimumCell figures the public sees that come from fewer people are suppressed
 * @param today    a fixed "today" (the clock then runs from the start of that day): for demonstrations and tests;
 *                 by default the real date in {@code timeZone}
 * @param trustedDocuments registered GraphQL documents (persisted queries) and who must use them
 * @param http      caching of public answers to GraphQL GET requests
 * @param live      subscriptions: how often their figures are read again, how many a caller may hold open
 * @param web       what the web apps are told at {@code GET /app-config}: how to sign in
 * @param database  the connection pool, the database's watch and what clients are told while it is away
 * @param management who may read the metrics
 * @param boundariesDir where a province puts its own commune boundaries for the map (GeoJSON); by
 *                  default {@code boundaries/} in the data directory. Files there come before those shipped.
 */
@ConfigurationProperties("caunoi")
public record CauNoiProperties(@DefaultValue("./data") Path dataDir,
                               @DefaultValue("true") boolean demoData,
                               @DefaultValue("true") boolean graphiql,
                               @DefaultValue("Asia/Ho_Chi_Minh") String timeZone,
                               Path pluginsDir,
                               String personalDataKey,
                               @DefaultValue("true") boolean resumeImports,
                               @DefaultValue("100000") int importChunkRows,
                               @DefaultValue Scorecard scorecard,
                               @DefaultValue Security security,
                               @DefaultValue Limits limits,
                               @DefaultValue("10") int publicMinimumCell,
                               java.time.LocalDate today,
                               @DefaultValue TrustedDocuments trustedDocuments,
                               @DefaultValue Http http,
                               @DefaultValue Live live,
                               @DefaultValue Web web,
                               Path boundariesDir,
                               @DefaultValue Database database,
                               @DefaultValue Management management) {

    /**
     * {@code caunoi.database.*}.
     *
     * @param poolSize           connections of the requests' pool (PostgreSQL's max_connections must exceed it; the embedded server's does)
     * @param connectionTimeout  how long background work (imports) waits for a connection; requests wait at most until their deadline
     * @param probeInterval      how often a dedicated connection asks the database whether it answers
     * @param healthTimeout      how long that question may take before the database counts as down
     * @param watchInterval      how often the embedded PostgreSQL's process is checked
     * @param maxRestartBackoff  the longest pause between attempts to start a dead embedded PostgreSQL again
     * @param retryAfter         what {@code Retry-After} tells clients while the database is unavailable
     */
    public record Database(@DefaultValue("10") int poolSize,
                           @DefaultValue("30s") java.time.Duration connectionTimeout,
                           @DefaultValue("2s") java.time.Duration probeInterval,
                           @DefaultValue("2s") java.time.Duration healthTimeout,
                           @DefaultValue("1s") java.time.Duration watchInterval,
                           @DefaultValue("30s") java.time.Duration maxRestartBackoff,
                           @DefaultValue("5s") java.time.Duration retryAfter) {

        public Database {
            // Flyway holds one connection for its lock while it migrates on another.
            if (poolSize < 2 || poolSize > 500) {
                throw new IllegalArgumentException("caunoi.database.pool-size must be between 2 and 500");
            }
        }
    }

    /**
     * {@code caunoi.management.*}.
     *
     * @param token the bearer token a metrics scraper sends to {@code /actuator/prometheus}; unset, the metrics are not served
     */
    public record Management(String token) {
    }

    /**
     * {@code caunoi.trusted-documents.*}: documents known by their SHA-256, read from
     * {@code directory} at start ({@code *.graphql} files, {@code *.json} manifests of hash to text);
     * {@code required-for} says who may run only those (NOBODY, PUBLIC, EVERYONE). See
     * {@link vn.caunoi.api.graphql.http.TrustedDocuments}.
     */
    public record TrustedDocuments(Path directory,
                                   @DefaultValue("NOBODY") vn.caunoi.api.graphql.http.TrustedDocuments.RequiredFor requiredFor) {
    }

    /**
     * {@code caunoi.http.*}: an answer to a GraphQL query sent by GET by someone who is not signed
     * in, without errors, may be kept by browsers and proxies for {@code publicMaxAge} (0: not at
     * all); answers to signed-in users never are.
     */
    public record Http(@DefaultValue("60s") java.time.Duration publicMaxAge) {
    }

    /**
     * {@code caunoi.live.*}: subscriptions read their figures again every {@code pollInterval} (and
     * as soon as this server records or imports something); a caller holds at most
     * {@code maxStreamsPerCaller} open at once.
     */
    public record Live(@DefaultValue("2s") java.time.Duration pollInterval,
                       @DefaultValue("5") int maxStreamsPerCaller) {
    }

    /**
     * {@code caunoi.web.*}: how the web apps sign users in. With an OpenID Connect issuer
     * ({@code caunoi.security.issuer-uri}) and {@code oidc-client-id} (a public client registered
     * at the issuer with the app's address as redirect URI), they use the authorization code flow
     * with PKCE; with development tokens on, they offer the demo users.
     *
     * @param oidcClientId the web apps' client id at the issuer
     * @param oidcScope    the scopes they ask for
     * @param demoUsers    subjects offered as demo users (those that exist and are active)
     */
    public record Web(String oidcClientId,
                      @DefaultValue("openid profile") String oidcScope,
                      @DefaultValue({"province-admin", "commune-officer", "team-member", "viewer"}) java.util.List<String> demoUsers) {
    }

    /**
     * {@code caunoi.security.*}. Tokens are verified with the issuer's keys ({@code issuer-uri}, an
     * OpenID Connect issuer) or a configured public key ({@code public-key-location}, PEM); with
     * neither, with a development key generated into the data directory, for which
     * {@code POST /dev/token?user=…} issues tokens when {@code dev-tokens} is on.
     *
     * @param bootstrapAdmin the subject of an administrator of the whole country created at start if absent
     */
    public record Security(String issuerUri, String publicKeyLocation, String audience,
                           @DefaultValue("true") boolean devTokens,
                           @DefaultValue("8h") java.time.Duration devTokenLifetime,
                           String bootstrapAdmin) {
    }

    /**
     * {@code caunoi.limits.*}: what one request may ask. Requests beyond them are refused with a
     * clear error before anything is executed (or, for the timeouts, cancelled).
     */
    public record Limits(@DefaultValue("15") int maxDepth,
                         @DefaultValue("2500") int maxFields,
                         @DefaultValue("30") int maxAliases,
                         @DefaultValue("8000") int maxTokens,
                         @DefaultValue("262144") long maxRequestBytes,
                         @DefaultValue("500") int maxPageSize,
                         @DefaultValue("20s") java.time.Duration timeout,
                         @DefaultValue("120") int mutationsPerMinute,
                         @DefaultValue("60") int expensiveQueriesPerMinute,
                         @DefaultValue("30") int anonymousExpensiveQueriesPerMinute) {
    }

    /** {@code caunoi.scorecard.*}: see {@link vn.caunoi.core.indicator.Indicators.Thresholds}. */
    public record Scorecard(@DefaultValue("0.25") double activitiesPerMemberPerMonth,
                            @DefaultValue("0.5") double activeMemberShare,
                            @DefaultValue("0.6") double trainedMemberShare,
                            @DefaultValue("0.5") double growthVsProvince,
                            @DefaultValue("3") int minimumMembers) {

        public vn.caunoi.core.indicator.Indicators.Thresholds thresholds() {
            return new vn.caunoi.core.indicator.Indicators.Thresholds(activitiesPerMemberPerMonth, activeMemberShare,
                    trainedMemberShare, growthVsProvince, minimumMembers);
        }
    }
}
