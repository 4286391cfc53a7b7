package vn.caunoi.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.SecurityFilterChain;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Bearer JWTs, verified by the issuer's keys, a configured public key, or (development) a key
 * generated into the data directory. A request without a token is the anonymous public; a token that
 * is forged, expired, unsigned ({@code alg=none}), for another audience, or for no active user is
 * refused with 401 and a JSON error. What each role may do is decided in core (and by
 * {@link AccessRules} before a GraphQL field runs): every path is open at the HTTP level.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String DEVELOPMENT_ISSUER = "caunoi-dev";

    /** The development key when no external issuer or key is configured; absent otherwise. */
    public record DevelopmentKey(RSAKey key) {
    }

    @Bean
    DevelopmentKey developmentKey(CauNoiProperties properties) {
        CauNoiProperties.Security s = properties.security();
        boolean external = notBlank(s.issuerUri()) || notBlank(s.publicKeyLocation());
        return new DevelopmentKey(external ? null : TokenKeys.developmentKey(properties.dataDir()));
    }

    @Bean
    JwtDecoder jwtDecoder(CauNoiProperties properties, DevelopmentKey dev) {
        CauNoiProperties.Security s = properties.security();
        NimbusJwtDecoder decoder;
        OAuth2TokenValidator<Jwt> base;
        if (notBlank(s.issuerUri())) {
            decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(s.issuerUri());
            base = JwtValidators.createDefaultWithIssuer(s.issuerUri());
            log.info("bearer tokens are verified against the issuer {}", s.issuerUri());
        } else if (notBlank(s.publicKeyLocation())) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(Path.of(s.publicKeyLocation()))).build();
            base = JwtValidators.createDefault();
            log.info("bearer tokens are verified with the public key {}", s.publicKeyLocation());
        } else {
            try {
                decoder = NimbusJwtDecoder.withPublicKey(dev.key().toRSAPublicKey()).build();
            } catch (JOSEException e) {
                throw new IllegalStateException("the development token key has no public part", e);
            }
            base = JwtValidators.createDefaultWithIssuer(DEVELOPMENT_ISSUER);
            log.warn("bearer tokens are verified with the development key; configure caunoi.security.issuer-uri in production");
        }
        OAuth2TokenValidator<Jwt> validator = base;
        if (notBlank(s.audience())) {
            String audience = s.audience();
            OAuth2TokenValidator<Jwt> aud = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token is for another audience", null));
            validator = new DelegatingOAuth2TokenValidator<>(base, aud);
        }
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator, 10_000);
    }

    /** Signs development tokens; null-keyed in production, where no token is issued here. */
    @Bean
    JwtEncoder jwtEncoder(DevelopmentKey dev) {
        if (dev.key() == null) {
            return params -> {
                throw new IllegalStateException("tokens are issued by the identity provider");
            };
        }
        return new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(dev.key())));
    }

    /** Spring Security's default firewall, its character checks without a regular expression for plain ASCII ({@link FirewallCharacters}). */
    @Bean
    org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
        return FirewallCharacters.firewall();
    }

    /**
     * No observation (timer, trace span) of each security filter, authentication and authorization:
     * a dozen per request, costing more than a small query's whole answer. Requests stay observed as
     * a whole ({@code http.server.requests}, {@code caunoi.graphql.operations}); refusals are counted
     * by code ({@code caunoi.errors}).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * The management endpoints ({@code /actuator/**}) before the API's chain and without its bearer
     * JWTs: health is open, the metrics need the management token ({@link ManagementAccess}).
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain management(HttpSecurity http, CauNoiProperties properties) throws Exception {
        http.securityMatcher("/actuator/**")
                .csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .addFilterBefore(new ManagementAccess(properties.management().token()),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, CauNoi caunoi, SecurityErrors errors, CauNoiProperties properties)
            throws Exception {
        http.csrf(c -> c.disable())
                .headers(h -> h.addHeaderWriter(new org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter(
                        new org.springframework.security.web.util.matcher.NegatedRequestMatcher(
                                org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults().matcher("/graphiql/**")),
                        new org.springframework.security.web.header.writers.StaticHeadersWriter("Content-Security-Policy",
                                contentSecurityPolicy(properties.security().issuerUri())))))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .oauth2ResourceServer(o -> o.authenticationEntryPoint(errors).accessDeniedHandler(errors)
                        .bearerTokenResolver(new BearerTokens())
                        .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(jwt -> {
                            // The role and scope as the database holds them now (remembered until a change of users).
                            Actor actor = caunoi.users().actorFor(jwt.getSubject())
                                    .orElseThrow(() -> new DisabledException("no active user has this token's subject"));
                            return new ActorAuthentication(actor, jwt);
                        })));
        return http.build();
    }

    /**
     * The web apps load nothing from outside the server (government intranets are often offline):
     * the browser is told so, and refuses anything else. Only the OpenID Connect issuer is reached
     * (discovery, token and keys). Inline styles stay allowed because the charts set style
     * attributes; inline scripts do not. The field app's service worker and manifest come from the
     * server too (said outright rather than left to default-src). GraphiQL's vendored page keeps its
     * inline start-up script and so is left out.
     */
    static String contentSecurityPolicy(String issuerUri) {
        String issuer = "";
        if (notBlank(issuerUri)) {
            java.net.URI uri = java.net.URI.create(issuerUri.strip());
            issuer = " " + uri.getScheme() + "://" + uri.getRawAuthority();
        }
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
                + " connect-src 'self'" + issuer + "; form-action 'self'" + issuer + "; frame-ancestors 'none'; base-uri 'self';"
                + " object-src 'none'; worker-src 'self'; manifest-src 'self'";
    }

    static RSAPublicKey publicKey(Path pem) {
        try {
            String text = Files.readString(pem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + pem, e);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the public key " + pem + " is not an RSA public key in PEM", e);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

}
