package vn.caunoi.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The development signing key: an RSA key generated on first start into
 * {@code <data-dir>/keys/token-signing.jwk} (owner read and write only). Used only when no issuer
 * and no public key are configured: in production tokens come from the province's identity provider.
 */
final class TokenKeys {

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);

    private TokenKeys() {
    }

    static RSAKey developmentKey(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("keys").resolve("token-signing.jwk");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
                Files.writeString(file, key.toJSONString());
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: rely on the directory's permissions
                }
                log.warn("generated a development token-signing key in {}; configure caunoi.security.issuer-uri or "
                        + "caunoi.security.public-key-location in production", file);
            }
            return RSAKey.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token-signing key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the token-signing key " + file + " cannot be read; delete it to generate a new one", e);
        }
    }
}
