package vn.caunoi.api.backup;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A consistent, online, logical backup of Cầu Nối's database through JDBC alone: every table is
 * copied with {@code COPY … TO STDOUT} inside one {@code REPEATABLE READ, READ ONLY} transaction, so
 * all tables come from the same snapshot (the running counts agree with the events) while the server
 * keeps writing. The file is a zip of one COPY text stream per table and a manifest (schema version,
 * row counts, SHA-256 of each stream, sequence positions, the personal-data key's fingerprint).
 *
 * <p>Why logical and not a base backup: it needs no PostgreSQL client tools of the server's version
 * (the jar has none; the system's are older and refuse a newer server), no file access to the data
 * directory, and works the same on the embedded and on an external PostgreSQL; the file is checked
 * row by row on restore and restores into any PostgreSQL 14 or later. See docs/operations.md.
 */
public final class LogicalBackup {

    public static final String FORMAT = "caunoi-logical-backup-1";
    static final String MANIFEST = "manifest.properties";

    private LogicalBackup() {
    }

    /** What a backup holds, as its manifest says. */
    public record Summary(Path file, String schemaVersion, Map<String, Long> rows, long bytes, String keyFingerprint, Instant snapshotAt) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Writes a backup of the database behind {@code connection} to {@code file} (through a temporary file, moved in place at the end). */
    public static Summary write(Connection connection, Path file) throws SQLException, IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial);
        try {
            // The backup holds pseudonymised personal data: readable by its owner only, like the data directory.
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // rely on the directory's permissions
        }
        boolean autoCommit = connection.getAutoCommit();
        Summary summary;
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Properties manifest = new Properties();
            Instant at;
            try (Statement st = connection.createStatement()) {
                // The first statement fixes the snapshot: every table below is read as of this instant.
                try (ResultSet rs = st.executeQuery("select now(), current_setting('server_version')")) {
                    rs.next();
                    at = rs.getTimestamp(1).toInstant();
                    manifest.setProperty("postgresVersion", rs.getString(2));
                }
                manifest.setProperty("schemaVersion", schemaVersion(st));
                manifest.setProperty("keyFingerprint", keyFingerprint(st));
            }
            List<String> tables = tablesInLoadOrder(connection);
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                zip.putNextEntry(new ZipEntry("data/" + table + ".copy"));
                Counting counting = new Counting(zip);
                MessageDigest sha = sha256();
                try (DigestOutputStream digest = new DigestOutputStream(new Unclosable(counting), sha)) {
                    copy.copyOut("COPY " + quote(table) + " TO STDOUT", digest);
                }
                zip.closeEntry();
                rows.put(table, counting.lines);
                manifest.setProperty("table." + table + ".rows", Long.toString(counting.lines));
                manifest.setProperty("table." + table + ".sha256", HexFormat.of().formatHex(sha.digest()));
            }
            manifest.setProperty("tables", String.join(",", tables));
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("select sequencename, last_value from pg_sequences where schemaname = current_schema()"
                         + " and last_value is not null order by 1")) {
                while (rs.next()) {
                    manifest.setProperty("sequence." + rs.getString(1), Long.toString(rs.getLong(2)));
                }
            }
            connection.commit();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("snapshotAt", at.toString());
            zip.putNextEntry(new ZipEntry(MANIFEST));
            manifest.store(new Unclosable(zip), "Cầu Nối logical backup: restore with java -jar caunoi-api.jar restore FILE");
            zip.closeEntry();
            summary = new Summary(file, manifest.getProperty("schemaVersion"), rows, 0, manifest.getProperty("keyFingerprint"), at);
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; nothing was written to the database anyway
            }
            Files.deleteIfExists(partial);
            throw e;
        } finally {
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Summary(file, summary.schemaVersion(), summary.rows(), Files.size(file), summary.keyFingerprint(), summary.snapshotAt());
    }

    static String schemaVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select version from flyway_schema_history where success and version is not null"
                + " order by installed_rank desc limit 1")) {
            if (!rs.next()) {
                throw new SQLException("this database has no Cầu Nối schema (no migration history)");
            }
            return rs.getString(1);
        }
    }

    private static String keyFingerprint(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select case when to_regclass('personal_data_key') is null then null else"
                + " (select fingerprint from personal_data_key) end")) {
            rs.next();
            String f = rs.getString(1);
            return f == null ? "" : f;
        }
    }

    /**
     * The schema's tables, each after the tables its foreign keys point to, so that a restore can load
     * them in this order with every constraint checked. Flyway's own history is left out: a restore
     * rebuilds it by running the same migrations.
     */
    static List<String> tablesInLoadOrder(Connection connection) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = current_schema() and c.relkind = 'r' and not c.relispartition"
                    + " and c.relname <> 'flyway_schema_history' order by c.relname")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("select c.relname, f.relname from pg_constraint k"
                    + " join pg_class c on c.oid = k.conrelid join pg_class f on f.oid = k.confrelid"
                    + " join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and n.nspname = current_schema()")) {
                while (rs.next()) {
                    if (!rs.getString(1).equals(rs.getString(2))) {
                        dependsOn.computeIfAbsent(rs.getString(1), t -> new LinkedHashSet<>()).add(rs.getString(2));
                    }
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        ArrayDeque<String> pending = new ArrayDeque<>(tables);
        int stuck = 0;
        while (!pending.isEmpty()) {
            String t = pending.poll();
            Set<String> needs = dependsOn.getOrDefault(t, Set.of());
            if (placed.containsAll(needs.stream().filter(tables::contains).toList()) || stuck > pending.size()) {
                // A cycle of foreign keys (none today) would be loaded in name order and fail loudly on restore.
                order.add(t);
                placed.add(t);
                stuck = 0;
            } else {
                pending.add(t);
                stuck++;
            }
        }
        return order;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the rows of a COPY text stream: one line each (newlines inside values are escaped as \n). */
    private static final class Counting extends FilterOutputStream {
        long lines;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                lines++;
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the zip entry is closed by its owner
        }
    }

    /** Lets a stream be handed to code that closes it without closing the zip beneath. */
    static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
