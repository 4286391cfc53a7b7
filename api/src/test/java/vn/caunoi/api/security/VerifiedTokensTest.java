package vn.caunoi.api.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final AtomicInteger signaturesChecked = new AtomicInteger();
    private final RSAKey key;
    private final VerifiedTokens tokens;

    VerifiedTokensTest() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test").generate();
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
        expiry.setClock(clock);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        nimbus.setJwtValidator(expiry);
        tokens = new VerifiedTokens(token -> {
            signaturesChecked.incrementAndGet();
            return nimbus.decode(token);
        }, expiry, 100);
    }

    private String token(String subject, Duration lifetime) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        return encoder.encode(JwtEncoderParameters.from(JwtClaimsSet.builder().subject(subject)
                .issuedAt(now.get()).expiresAt(now.get().plus(lifetime)).build())).getTokenValue();
    }

    @Test
    void a_token_is_verified_once_and_its_expiry_checked_on_every_use() {
        String token = token("team-member", Duration.ofMinutes(5));
        Jwt first = tokens.decode(token);
        Jwt again = tokens.decode(token);
        assertThat(again.getSubject()).isEqualTo(first.getSubject()).isEqualTo("team-member");
        assertThat(signaturesChecked).hasValue(1);

        now.set(now.get().plus(Duration.ofMinutes(6)));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void a_forged_token_is_refused_and_never_kept() {
        String token = token("province-admin", Duration.ofMinutes(5));
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
        assertThat(signaturesChecked).hasValue(2);
        assertThat(tokens.size()).isZero();
    }
}
