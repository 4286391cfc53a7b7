package vn.caunoi.api.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Development and demo only: {@code POST /dev/token?user=province-admin} signs a token for an
 * existing, active user with the development key. Off when an identity provider or public key is
 * configured, and in the {@code prod} profile ({@code caunoi.security.dev-tokens=false}).
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class DevTokenController {

    private final CauNoi caunoi;
    private final JwtEncoder encoder;
    private final CauNoiProperties properties;
    private final SecurityConfiguration.DevelopmentKey key;
    private final Clock clock;

    public DevTokenController(CauNoi caunoi, JwtEncoder encoder, CauNoiProperties properties, SecurityConfiguration.DevelopmentKey key,
                              Clock clock) {
        this.caunoi = caunoi;
        this.encoder = encoder;
        this.properties = properties;
        this.key = key;
        this.clock = clock;
    }

    @PostMapping("/dev/token")
    public ResponseEntity<Map<String, Object>> token(@RequestParam(required = false) String user) {
        if (!properties.security().devTokens() || key.key() == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("errors", List.of(Map.of("code", "NOT_FOUND",
                    "message", "development tokens are off; get a token from the identity provider"))));
        }
        Actor actor = user == null ? null : caunoi.users().actorFor(user).orElse(null);
        if (actor == null) {
            return ResponseEntity.badRequest().body(Map.of("errors", List.of(Map.of("field", "user", "code", "UNKNOWN_USER",
                    "message", "no active user has this subject; the demo has province-admin, commune-officer, team-member and viewer"))));
        }
        Instant now = clock.instant();
        long lifetime = properties.security().devTokenLifetime().toSeconds();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(SecurityConfiguration.DEVELOPMENT_ISSUER).subject(actor.id())
                .issuedAt(now).expiresAt(now.plusSeconds(lifetime))
                .audience(properties.security().audience() == null ? List.of() : List.of(properties.security().audience())).build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.key().getKeyID()).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime);
        body.put("role", actor.role().name());
        return ResponseEntity.ok(body);
    }
}
