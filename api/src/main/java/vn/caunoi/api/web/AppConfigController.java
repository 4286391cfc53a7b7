package vn.caunoi.api.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.api.security.SecurityConfiguration;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.access.User;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the web apps need to know before anything else: how users sign in here. {@code GET /app-config}
 * answers, for anyone:
 * <ul>
 *   <li>{@code mode}: {@code demo} (development tokens: the app offers {@code demoUsers}, one per
 *   role), {@code oidc} (the configured OpenID Connect issuer, authorization code with PKCE, as
 *   {@code oidc.authority} and {@code oidc.clientId}), or {@code none} (tokens come from elsewhere:
 *   the apps show the public view only);</li>
 *   <li>{@code graphqlPath}: where GraphQL is served; {@code publicMinimumCell}: figures the
 *   public sees that come from fewer people are withheld (the apps say so); {@code today}: the
 *   server's date, the default of every period and map.</li>
 * </ul>
 * Nothing here is secret: an OpenID client id is public, and demo users exist only where anyone may
 * take a development token for them anyway.
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class AppConfigController {

    private final CauNoiProperties properties;
    private final SecurityConfiguration.DevelopmentKey key;
    private final CauNoi caunoi;
    private final String graphqlPath;
    private final vn.caunoi.api.graphql.GraphQlConfiguration.Today today;

    public AppConfigController(CauNoiProperties properties, SecurityConfiguration.DevelopmentKey key, CauNoi caunoi,
                               @org.springframework.beans.factory.annotation.Value("${spring.graphql.http.path:/graphql}") String graphqlPath,
                               vn.caunoi.api.graphql.GraphQlConfiguration.Today today) {
        this.properties = properties;
        this.key = key;
        this.caunoi = caunoi;
        this.graphqlPath = graphqlPath;
        this.today = today;
    }

    @GetMapping("/app-config")
    public ResponseEntity<Map<String, Object>> config() {
        CauNoiProperties.Security security = properties.security();
        CauNoiProperties.Web web = properties.web();
        boolean demo = security.devTokens() && key.key() != null;
        boolean oidc = notBlank(security.issuerUri()) && notBlank(web.oidcClientId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", demo ? "demo" : oidc ? "oidc" : "none");
        body.put("graphqlPath", graphqlPath);
        // The apps explain withheld figures with the threshold behind them.
        body.put("publicMinimumCell", properties.publicMinimumCell());
        // "Today" is the server's (its zone, or a date pinned for a demonstration), not the browser's clock.
        body.put("today", today.date().toString());
        body.put("demoUsers", demo ? demoUsers(web.demoUsers()) : List.of());
        if (oidc) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("authority", security.issuerUri());
            o.put("clientId", web.oidcClientId());
            o.put("scope", web.oidcScope());
            body.put("oidc", o);
        } else {
            body.put("oidc", null);
        }
        // Configuration changes with a restart, and a stale answer would offer users who are gone.
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private List<Map<String, Object>> demoUsers(List<String> subjects) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (String subject : subjects) {
            caunoi.users().bySubject(Actor.system(), subject).filter(User::active).ifPresent(u -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("subject", u.subject());
                m.put("displayName", u.displayName());
                m.put("role", u.role().name());
                users.add(m);
            });
        }
        return users;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
