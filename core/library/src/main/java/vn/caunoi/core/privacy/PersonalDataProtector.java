package vn.caunoi.core.privacy;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Protects personal data with a key that lives outside the database (configuration or a key file):
 * AES-256-GCM for values that a permitted role must be able to read back (a team member's phone
 * number), a keyed HMAC for values only ever compared (idempotency fingerprints, and later citizen
 * IDs), and masks that show only the last digits.
 */
public final class PersonalDataProtector {

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec macKey;
    /** Mac.getInstance costs more than the HMAC itself: a bulk import fingerprints a million numbers. */
    private final ThreadLocal<Mac> macs;

    /** {@code key}: 32 random bytes. Two sub-keys are derived from it, one per purpose. */
    public PersonalDataProtector(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the personal-data key must have at least 32 bytes");
        }
        byte[] k = key.clone();
        this.encryptionKey = new SecretKeySpec(derive(k, "caunoi/aes-gcm/v1"), "AES");
        this.macKey = new SecretKeySpec(derive(k, "caunoi/hmac/v1"), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(macKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
            }
        });
    }

    /** A new random key, e.g. for a development data directory's key file. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    public byte[] encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    public String decrypt(byte[] sealed) {
        try {
            ByteBuffer in = ByteBuffer.wrap(sealed);
            if (in.get() != 1) {
                throw new IllegalArgumentException("unknown format of protected data");
            }
            byte[] nonce = new byte[NONCE_BYTES];
            in.get(nonce);
            byte[] body = new byte[in.remaining()];
            in.get(body);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            return new String(cipher.doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("protected data cannot be read with this key", e);
        }
    }

    /** A keyed fingerprint: equal inputs give equal fingerprints; without the key nothing can be guessed from it. */
    public String fingerprint(String value) {
        return HexFormat.of().formatHex(hmac(value));
    }

    /** The keyed fingerprint as 32 bytes (how citizen IDs are stored). */
    public byte[] hmac(String value) {
        return macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A keyed fingerprint of several values (a request's payload), joined with a separator no text contains. */
    public String fingerprintOf(Object... parts) {
        return fingerprint(java.util.Arrays.stream(parts).map(String::valueOf).collect(java.util.stream.Collectors.joining("\u001f")));
    }

    /** Everything but the last {@code visible} characters replaced by '•'. */
    public static String mask(String value, int visible) {
        if (value == null) {
            return null;
        }
        int keep = Math.min(visible, value.length());
        return "•".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }

    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
