package vn.caunoi.core.store;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import vn.caunoi.core.common.InvalidInputException;

import java.util.function.LongSupplier;

/**
 * Idempotent creates. The key is claimed in the same transaction as the write: a concurrent request
 * with the same key waits on the key's row, then sees the first result; a different payload under
 * the same key is refused; nothing is written twice.
 */
public final class Idempotency {

    /** The id written (or written by the first request) and whether this request only replayed it. */
    public record Outcome(long id, boolean replayed) {
    }

    public interface Mapper {
        @Insert("insert into idempotency_key (operation, key, request_hash) values (#{op}, #{key}, #{hash}) on conflict do nothing")
        int claim(@Param("op") String operation, @Param("key") String key, @Param("hash") String hash);

        @Select("select request_hash from idempotency_key where operation = #{op} and key = #{key}")
        String hashOf(@Param("op") String operation, @Param("key") String key);

        @Select("select result_id from idempotency_key where operation = #{op} and key = #{key}")
        Long resultOf(@Param("op") String operation, @Param("key") String key);

        @Update("update idempotency_key set result_id = #{id} where operation = #{op} and key = #{key}")
        int record(@Param("op") String operation, @Param("key") String key, @Param("id") long id);
    }

    private Idempotency() {
    }

    /** Checks the key's form; call before anything else so a bad key is reported with the other problems. */
    public static String checkKey(vn.caunoi.core.common.Problems problems, String key) {
        if (key == null || !key.matches("[A-Za-z0-9._:-]{8,200}")) {
            problems.add("idempotencyKey", "INVALID", "idempotencyKey must be 8 to 200 letters, digits or . _ : - (a UUID is fine)");
            return null;
        }
        return key;
    }

    /**
     * The fingerprint of a payload that holds no personal data (a team, a training, a campaign): a
     * SHA-256 of its parts, so that the library needs no personal-data key to create them. Payloads
     * with values kept only protected (a phone number, a citizen ID) are fingerprinted with the
     * personal-data key instead ({@code PersonalDataProtector.fingerprintOf}), or the fingerprint
     * would let anyone test guesses of the value.
     */
    public static String fingerprint(Object... parts) {
        String text = java.util.Arrays.stream(parts).map(String::valueOf).collect(java.util.stream.Collectors.joining("\u001f"));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Runs {@code write} once for ({@code operation}, {@code key}); {@code fingerprint} identifies the
     * payload (a keyed hash, so that it reveals nothing).
     */
    public static Outcome once(Tx tx, String operation, String key, String fingerprint, LongSupplier write) {
        Mapper m = tx.mapper(Mapper.class);
        if (m.claim(operation, key, fingerprint) == 1) {
            long id = write.getAsLong();
            m.record(operation, key, id);
            return new Outcome(id, false);
        }
        if (!fingerprint.equals(m.hashOf(operation, key))) {
            throw new InvalidInputException("idempotencyKey", "KEY_REUSED",
                    "this idempotencyKey was already used for a different request; use a new key for a new request");
        }
        return new Outcome(m.resultOf(operation, key), true);
    }
}
