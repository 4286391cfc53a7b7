package vn.caunoi.api.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Bad tokens for tests: signed with another key, expired (with the server's own development key), unsigned. */
final class Tokens {

    private Tokens() {
    }

    /** The test server's development key (ApiTest's data directory). */
    static RSAKey serverKey() {
        try {
            return RSAKey.parse(Files.readString(Path.of("target", "test-data", "keys", "token-signing.jwk")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String signed(RSAKey key, String subject, Instant expires) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("caunoi-dev").subject(subject)
                    .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires)).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String forged(String subject) {
        try {
            return signed(new RSAKeyGenerator(2048).keyID(serverKey().getKeyID()).generate(), subject, Instant.now().plusSeconds(3600));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String expired(String subject) {
        return signed(serverKey(), subject, Instant.now().minusSeconds(600));
    }

    /** {@code alg: none}: a payload anyone could write. */
    static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"caunoi-dev\",\"sub\":\"" + subject + "\",\"exp\":" + (Instant.now().getEpochSecond() + 3600)
                + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
