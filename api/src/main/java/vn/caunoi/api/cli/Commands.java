package vn.caunoi.api.cli;

import vn.caunoi.api.database.StartupFailure;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The jar's command line: {@code --help}, the commands, or (anything else) the server. Exit codes
 * are shared by every command and the server, one meaning each (sysexits where one fits); the
 * table is in docs/operations.md and in {@code --help}.
 */
public final class Commands {

    public static final int OK = 0;
    /** Something unexpected: the log says what. */
    public static final int FAILED = 1;
    /** The input or the target was refused; nothing was changed. */
    public static final int REFUSED = 2;
    /** A check found a difference (check-counts, the counts after a restore). */
    public static final int DIFFERENT = CheckCountsCommand.DIFFERENT;
    public static final int USAGE = 64;
    /** A backup file that is damaged or is not one. */
    public static final int DAMAGED = 65;
    public static final int NO_INPUT = 66;
    public static final int UNAVAILABLE = StartupFailure.UNAVAILABLE;
    public static final int CANNOT_CREATE = StartupFailure.CANNOT_CREATE;
    public static final int BUSY = StartupFailure.BUSY;
    public static final int CONFIGURATION = StartupFailure.CONFIGURATION;

    static final String HELP = """
            Cầu Nối — community digital technology teams and the adoption of digital services.

            usage: java -jar caunoi-api.jar [server options]             start the server
                   java -jar caunoi-api.jar COMMAND [arguments] [server options]
                   java -jar caunoi-api.jar --help                       this text

            commands:
              import-units --snapshot FILE [--date D] | --changes FILE [--after FILE]
                                          import an official list of units or a change file
              import FILE [--kind adoption|population|target] [--service S --stage S] [--attr N=V]… [--report F]
                                          import residents' adoption, population or targets (CSV, XLSX)
              check-counts                recompute the running adoption counts from the events and compare
              backup DIR|FILE [--keep N]  consistent backup while the server runs (embedded or external PostgreSQL)
              restore FILE                restore a backup into an empty database (a new --caunoi.data-dir) and check it
              key-fingerprint             the fingerprint of the configured personal-data key (or the data directory's key file)

            server options (also environment variables, e.g. CAUNOI_DATA_DIR, or application.properties):
              --server.port=8080                        HTTP port
              --caunoi.data-dir=./data                  embedded PostgreSQL's data, keys, uploads
              --spring.datasource.url=jdbc:postgresql://host/db  (+ .username, .password) an external PostgreSQL
              --caunoi.personal-data-key=BASE64         the key personal data is protected with (32 bytes)
              --caunoi.database.pool-size=10            connections for requests
              --caunoi.management.token=SECRET          bearer token for /actuator/prometheus
              --caunoi.demo-data=true|false             load the demo data into an empty database
              --spring.profiles.active=prod             production: no demo, no GraphiQL, no development tokens
              --logging.structured.format.console=ecs   logs as JSON lines
              more in docs/operations.md and docs/security.md

            exit codes: 0 done · 1 unexpected failure (see the log) · 2 refused, nothing changed ·
              3 counts differ · 64 bad usage · 65 damaged backup file · 66 input file unreadable ·
              69 database unavailable · 73 output cannot be written · 75 busy (data directory in use,
              or the same file being imported) · 78 configuration (e.g. the personal-data key does not match)
            """;

    private Commands() {
    }

    /** Runs the command named by {@code args}, or answers null when {@code args} start the server. */
    public static Integer run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return null;
        }
        String first = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            out.print(HELP);
            return OK;
        }
        if (first.startsWith("--")) {
            return null;
        }
        try {
            return switch (first) {
                case ImportUnitsCommand.NAME -> ImportUnitsCommand.run(rest, out, err);
                case ImportCommand.NAME -> ImportCommand.run(rest, out, err);
                case CheckCountsCommand.NAME -> CheckCountsCommand.run(rest, out, err);
                case BackupCommand.NAME -> BackupCommand.run(rest, out, err);
                case RestoreCommand.NAME -> RestoreCommand.run(rest, out, err);
                case KeyFingerprintCommand.NAME -> KeyFingerprintCommand.run(rest, out, err);
                default -> {
                    err.println("unknown command " + first + "; java -jar caunoi-api.jar --help lists the commands");
                    yield USAGE;
                }
            };
        } catch (RuntimeException e) {
            StartupFailure failure = StartupFailure.in(e);
            if (failure != null) {
                // Boot has printed the failure's description and action already.
                return failure.exitCode();
            }
            err.println(first + " failed: " + e.getClass().getSimpleName() + " (the log above has the details)");
            return FAILED;
        }
    }
}
