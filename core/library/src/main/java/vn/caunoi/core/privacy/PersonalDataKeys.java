package vn.caunoi.core.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Ties the personal-data key to the database it protects: the database records the key's
 * fingerprint, and a key that does not match it is refused. Without this, a server restored without
 * its key file starts with a new key and quietly records known residents again as new ones.
 * Plain JDBC, so an embedding application can check before it builds the library.
 */
public final class PersonalDataKeys {

    private static final byte[] LABEL = "caunoi personal-data key fingerprint v1".getBytes(StandardCharsets.US_ASCII);

    private PersonalDataKeys() {
    }

    /** The key's fingerprint: HMAC-SHA256 of a fixed label under the key, in hex. Reveals nothing of the key. */
    public static String fingerprint(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The fingerprint this database recorded, if any (none before the schema has the table). */
    public static Optional<String> recorded(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select to_regclass('personal_data_key') is not null")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            try (ResultSet rs = st.executeQuery("select fingerprint from personal_data_key")) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Whether the database holds values only a key can make sense of: residents, objections, or
     * members' phone numbers. A database with none may get its first key.
     */
    public static boolean protectsData(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : new String[] {"resident", "resident_objection", "member"}) {
                boolean exists;
                try (ResultSet rs = st.executeQuery("select to_regclass('" + table + "') is not null")) {
                    rs.next();
                    exists = rs.getBoolean(1);
                }
                if (exists) {
                    try (ResultSet rs = st.executeQuery("select exists (select from " + table + ")")) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    /** What {@link #verify} found. */
    public enum Outcome {
        /** The database recorded this key's fingerprint before. */
        MATCHES,
        /** The database had no fingerprint: this key's is recorded now. */
        RECORDED
    }

    /**
     * Checks {@code key} against the fingerprint the database recorded, or records it when there is
     * none yet (after the migrations). Throws {@link KeyMismatchException} when the database belongs
     * to another key.
     */
    public static Outcome verify(DataSource dataSource, byte[] key) throws SQLException {
        String mine = fingerprint(key);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into personal_data_key (fingerprint) values (?) on conflict (id) do nothing")) {
                insert.setString(1, mine);
                if (insert.executeUpdate() == 1) {
                    return Outcome.RECORDED;
                }
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select fingerprint from personal_data_key")) {
                rs.next();
                String theirs = rs.getString(1);
                if (!theirs.equals(mine)) {
                    throw new KeyMismatchException(theirs, mine);
                }
                return Outcome.MATCHES;
            }
        }
    }

    /** The database's personal data was written under another key than the one given. */
    public static final class KeyMismatchException extends RuntimeException {
        private final String recorded;
        private final String given;

        KeyMismatchException(String recorded, String given) {
            super("the personal-data key does not match this database's: the database was written with the key of fingerprint "
                    + shortForm(recorded) + ", the key given has fingerprint " + shortForm(given));
            this.recorded = recorded;
            this.given = given;
        }

        public String recorded() {
            return recorded;
        }

        public String given() {
            return given;
        }
    }

    /** The first 16 hex digits: enough to tell keys apart in messages and backup manifests. */
    public static String shortForm(String fingerprint) {
        return fingerprint.length() > 16 ? fingerprint.substring(0, 16) : fingerprint;
    }
}
