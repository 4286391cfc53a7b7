package vn.caunoi.api.cli;

import org.springframework.context.ConfigurableApplicationContext;
import vn.caunoi.api.backup.LogicalRestore;
import vn.caunoi.api.database.DatabaseErrors;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.privacy.PersonalDataKeys;
import vn.caunoi.core.adoption.Adoption;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar caunoi-api.jar restore FILE [server options]}: restores a backup into an empty
 * database — a new embedded data directory ({@code --caunoi.data-dir}) or an empty external one —
 * then checks it: every table's row count against the manifest, and the running counts against a
 * recomputation from the events. Exit codes: 0 restored and checked, 1 unexpected failure,
 * 2 refused (the target holds data, or the backup is of a newer schema; nothing changed), 3 restored
 * but the running counts differ, 64 bad usage, 65 the file is damaged or not a backup (nothing
 * committed), 66 the file cannot be read, 69 the database cannot be reached, 75 a server is running
 * on the data directory.
 */
public final class RestoreCommand {

    public static final String NAME = "restore";
    static final String USAGE = """
            usage: java -jar caunoi-api.jar restore FILE.zip [server options]
            restores into an empty database: a new --caunoi.data-dir, or an empty --spring.datasource.url=…""";

    private RestoreCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        List<String> springArgs = new ArrayList<>();
        try {
            for (String arg : args) {
                if (!arg.startsWith("--") && file == null) {
                    file = Path.of(arg);
                } else {
                    springArgs.add(CliContext.springArg(arg));
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("give the backup file to restore");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Commands.USAGE;
        }
        if (!Files.isReadable(file)) {
            err.println("cannot read " + file);
            return Commands.NO_INPUT;
        }
        Properties manifest;
        try {
            manifest = LogicalRestore.manifest(file);
        } catch (LogicalRestore.DamagedBackupException e) {
            err.println(e.getMessage());
            return Commands.DAMAGED;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return Commands.NO_INPUT;
        }
        // Never into the database of a running server: the directory's lock refuses it (75).
        try (ConfigurableApplicationContext context = CliContext.startDatabaseOnly(springArgs, err, false)) {
            DataSource ds = context.getBean(DataSource.class);
            long started = System.nanoTime();
            Map<String, Long> restored = LogicalRestore.restore(ds, file);
            double seconds = (System.nanoTime() - started) / 1e9;
            long rows = restored.values().stream().mapToLong(Long::longValue).sum();
            out.printf(Locale.ROOT, "restored %,d rows in %d tables from %s (snapshot of %s, schema version %s) in %.1f s; "
                    + "every table's row count equals the backup's%n", rows, restored.size(), file, manifest.getProperty("snapshotAt"),
                    manifest.getProperty("schemaVersion"), seconds);
            Adoption.CountCheck check = CauNoi.create(ds).counts().checkCounts(CliContext.actor());
            String key = manifest.getProperty("keyFingerprint", "");
            if (!key.isEmpty()) {
                out.println("start the server on it with the personal-data key of fingerprint " + PersonalDataKeys.shortForm(key)
                        + " (caunoi.personal-data-key, or its key file in <data-dir>/keys/personal-data.key)");
            }
            if (!check.exact()) {
                out.println("the running counts DIFFER from a recomputation from the events: run check-counts for the details");
                return CheckCountsCommand.DIFFERENT;
            }
            out.printf(Locale.ROOT, "running counts exact: %,d daily rows and %,d monthly levels equal a recomputation%n",
                    check.rowsCompared(), check.monthRowsCompared());
            return Commands.OK;
        } catch (LogicalRestore.RefusedException e) {
            err.println("restore refused: " + e.getMessage());
            return Commands.REFUSED;
        } catch (LogicalRestore.DamagedBackupException e) {
            err.println("restore failed, nothing was committed: " + e.getMessage());
            return Commands.DAMAGED;
        } catch (SQLException e) {
            err.println("restore failed, nothing was committed: " + e.getMessage().lines().findFirst().orElse(""));
            return DatabaseErrors.unavailable(e) ? Commands.UNAVAILABLE : Commands.FAILED;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return Commands.NO_INPUT;
        }
    }
}
