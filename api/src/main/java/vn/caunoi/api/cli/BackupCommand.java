package vn.caunoi.api.cli;

import org.springframework.context.ConfigurableApplicationContext;
import vn.caunoi.api.backup.LogicalBackup;
import vn.caunoi.api.database.DatabaseErrors;
import vn.caunoi.core.privacy.PersonalDataKeys;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code java -jar caunoi-api.jar backup DIR|FILE [--keep N] [server options]}: a consistent logical
 * backup ({@link LogicalBackup}) of the database the server uses, taken while it keeps serving. Into
 * a directory, the file is named {@code caunoi-<date>-<time>.zip}, and {@code --keep N} then deletes
 * all but the newest N backups there. Exit codes: 0 written, 1 unexpected failure, 64 bad usage,
 * 69 the database cannot be reached, 73 the file cannot be written, 78 bad configuration.
 */
public final class BackupCommand {

    public static final String NAME = "backup";
    static final String USAGE = """
            usage: java -jar caunoi-api.jar backup DIRECTORY|FILE.zip [--keep N] [server options]
            server options are the server's own, e.g. --caunoi.data-dir=./data or --spring.datasource.url=…""";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private BackupCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path where = null;
        Integer keep = null;
        List<String> springArgs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--keep")) {
                    if (++i >= args.length) {
                        throw new IllegalArgumentException("--keep needs a number");
                    }
                    keep = Integer.parseInt(args[i]);
                    if (keep < 1) {
                        throw new IllegalArgumentException("--keep is at least 1");
                    }
                } else if (!args[i].startsWith("--") && where == null) {
                    where = Path.of(args[i]);
                } else {
                    springArgs.add(CliContext.springArg(args[i]));
                }
            }
            if (where == null) {
                throw new IllegalArgumentException("give the directory or file to write the backup to");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Commands.USAGE;
        }
        Path file = where;
        // A name ending in .zip is the file; anything else a directory of dated backups (created if need be).
        boolean intoDirectory = !where.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        try {
            if (intoDirectory) {
                Files.createDirectories(where);
                file = where.resolve("caunoi-" + LocalDateTime.now().format(STAMP) + ".zip");
            } else if (file.getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            err.println("cannot write the backup to " + where + ": " + e.getMessage());
            return Commands.CANNOT_CREATE;
        }
        try (ConfigurableApplicationContext context = CliContext.startDatabaseOnly(springArgs, err, true)) {
            DataSource ds = context.getBean(DataSource.class);
            long started = System.nanoTime();
            LogicalBackup.Summary s;
            try (Connection c = ds.getConnection()) {
                s = LogicalBackup.write(c, file);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "backup written: %s (%,d bytes, %,d rows in %d tables, schema version %s, snapshot of %s) in %.1f s%n",
                    s.file(), s.bytes(), s.totalRows(), s.rows().size(), s.schemaVersion(), s.snapshotAt(), seconds);
            out.println(s.keyFingerprint().isEmpty() ? "no personal-data key recorded in this database yet"
                    : "personal data in it opens only with the key of fingerprint " + PersonalDataKeys.shortForm(s.keyFingerprint())
                    + ": keep that key's backup (apart from this file)");
            if (intoDirectory && keep != null) {
                prune(where, keep, out);
            }
            return Commands.OK;
        } catch (SQLException e) {
            err.println("the backup failed: " + e.getMessage().lines().findFirst().orElse(""));
            return DatabaseErrors.unavailable(e) ? Commands.UNAVAILABLE : Commands.FAILED;
        } catch (IOException e) {
            err.println("cannot write the backup to " + file + ": " + e.getMessage());
            return Commands.CANNOT_CREATE;
        }
    }

    /** Keeps the newest {@code keep} backups of this command in {@code directory}; older ones are deleted. */
    private static void prune(Path directory, int keep, PrintStream out) throws IOException {
        List<Path> backups;
        try (var files = Files.list(directory)) {
            backups = files.filter(f -> f.getFileName().toString().matches("caunoi-\\d{8}-\\d{6}\\.zip"))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
        }
        for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
            Files.delete(old);
            out.println("deleted the older backup " + old.getFileName());
        }
    }
}
