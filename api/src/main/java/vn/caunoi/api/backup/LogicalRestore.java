package vn.caunoi.api.backup;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Restores a {@link LogicalBackup} into an empty database: the same Flyway migrations up to the
 * backup's schema version, then every table with {@code COPY … FROM STDIN} in foreign-key order in one
 * transaction (each stream checked against its SHA-256 and each table's row count against the
 * manifest before anything is committed), the sequences set past the restored ids, then the
 * migrations a newer server has on top.
 */
public final class LogicalRestore {

    private LogicalRestore() {
    }

    /** The backup file is not a Cầu Nối backup, or is damaged. */
    public static final class DamagedBackupException extends Exception {
        DamagedBackupException(String message) {
            super(message);
        }
    }

    /** The restore was refused before anything was written: the target holds data, or the backup is of a newer schema. */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    /** Reads a backup's manifest without restoring it. */
    public static Properties manifest(Path file) throws IOException, DamagedBackupException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return manifest(zip);
        } catch (ZipException e) {
            throw new DamagedBackupException(file + " is not a Cầu Nối backup (not a readable zip file: " + e.getMessage() + ")");
        }
    }

    private static Properties manifest(ZipFile zip) throws IOException, DamagedBackupException {
        ZipEntry entry = zip.getEntry(LogicalBackup.MANIFEST);
        if (entry == null) {
            throw new DamagedBackupException("the file has no " + LogicalBackup.MANIFEST + ": not a complete Cầu Nối backup");
        }
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(entry)) {
            p.load(in);
        }
        if (!LogicalBackup.FORMAT.equals(p.getProperty("format"))) {
            throw new DamagedBackupException("unknown backup format " + p.getProperty("format") + " (this server reads " + LogicalBackup.FORMAT + ")");
        }
        return p;
    }

    /**
     * Restores {@code file} into the database behind {@code dataSource}. Returns the rows restored per
     * table. Nothing is committed unless every table's stream and count check out.
     */
    public static Map<String, Long> restore(DataSource dataSource, Path file) throws IOException, SQLException, DamagedBackupException,
            RefusedException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Properties manifest = manifest(zip);
            String version = manifest.getProperty("schemaVersion");
            MigrationVersion backupVersion = MigrationVersion.fromVersion(version);
            Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
            // The newest migration this server carries (applied or not).
            MigrationVersion known = java.util.Arrays.stream(flyway.info().all()).map(m -> m.getVersion())
                    .filter(java.util.Objects::nonNull).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
            if (backupVersion.isNewerThan(known)) {
                throw new RefusedException("the backup's schema is version " + version + ", newer than this server's (" + known.getVersion()
                        + "): restore it with the Cầu Nối release that made it, or a later one");
            }
            refuseUnlessEmpty(dataSource, backupVersion);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(backupVersion).load().migrate();

            List<String> tables = List.of(manifest.getProperty("tables", "").split(","));
            Map<String, Long> restored = new LinkedHashMap<>();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                try (Statement st = c.createStatement()) {
                    for (String table : tables) {
                        if (table.isBlank()) {
                            continue;
                        }
                        ZipEntry entry = zip.getEntry("data/" + table + ".copy");
                        if (entry == null) {
                            throw new DamagedBackupException("the backup lacks the data of " + table);
                        }
                        // Rows a migration seeds (adoption_horizon's single row) are replaced by the backup's. Only
                        // when there are some: statement triggers refuse any delete on the never-deleted tables.
                        boolean seeded;
                        try (ResultSet rs = st.executeQuery("select exists (select from " + LogicalBackup.quote(table) + ")")) {
                            rs.next();
                            seeded = rs.getBoolean(1);
                        }
                        if (seeded) {
                            st.execute("delete from " + LogicalBackup.quote(table));
                        }
                        MessageDigest sha = LogicalBackup.sha256();
                        long rows;
                        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), sha)) {
                            rows = copy.copyIn("COPY " + LogicalBackup.quote(table) + " FROM STDIN", in);
                        }
                        String expectedSha = manifest.getProperty("table." + table + ".sha256");
                        if (!HexFormat.of().formatHex(sha.digest()).equals(expectedSha)) {
                            throw new DamagedBackupException("the data of " + table + " does not match its checksum: the file is damaged");
                        }
                        long expectedRows = Long.parseLong(manifest.getProperty("table." + table + ".rows", "-1"));
                        if (rows != expectedRows) {
                            throw new DamagedBackupException(table + ": " + rows + " rows restored, the manifest says " + expectedRows);
                        }
                        restored.put(table, rows);
                    }
                    for (String name : manifest.stringPropertyNames()) {
                        if (name.startsWith("sequence.")) {
                            String sequence = name.substring("sequence.".length());
                            st.execute("select setval('" + LogicalBackup.quote(sequence).replace("'", "''") + "', "
                                    + Long.parseLong(manifest.getProperty(name)) + ", true)");
                        }
                    }
                }
                // Closing without this commit (any failure above) rolls the whole load back.
                c.commit();
            }
            // A newer server's own migrations, on top of the restored data.
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            return restored;
        } catch (ZipException e) {
            throw new DamagedBackupException(file + " is not a Cầu Nối backup (not a readable zip file: " + e.getMessage() + ")");
        }
    }

    /** Row counts of every table the backup holds, read back from the database: what a test or an operator compares. */
    public static Map<String, Long> rowCounts(DataSource dataSource, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("select count(*) from " + LogicalBackup.quote(t))) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /**
     * A restore goes into an empty database only: no migration history yet, or one no newer than the
     * backup's with nothing in any table but what the migrations themselves seed. Restoring over data
     * would mix two histories.
     */
    private static void refuseUnlessEmpty(DataSource dataSource, MigrationVersion backupVersion) throws SQLException, RefusedException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
            String current = LogicalBackup.schemaVersion(st);
            if (MigrationVersion.fromVersion(current).isNewerThan(backupVersion)) {
                throw new RefusedException("the target database's schema (version " + current + ") is newer than the backup's ("
                        + backupVersion.getVersion() + "): restore into a new data directory or an empty database");
            }
            List<String> withRows = new ArrayList<>();
            for (String table : LogicalBackup.tablesInLoadOrder(c)) {
                if (table.equals("adoption_horizon")) {
                    continue;
                }
                try (ResultSet rs = st.executeQuery("select exists (select from " + LogicalBackup.quote(table) + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        withRows.add(table);
                    }
                }
            }
            if (!withRows.isEmpty()) {
                throw new RefusedException("the target database already holds data (" + String.join(", ", withRows.subList(0,
                        Math.min(5, withRows.size()))) + (withRows.size() > 5 ? ", …" : "") + "): restore into a new data directory "
                        + "(--caunoi.data-dir) or an empty database; nothing was changed");
            }
        }
    }
}
