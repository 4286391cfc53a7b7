package vn.caunoi.api.cli;

import org.springframework.context.ConfigurableApplicationContext;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.HierarchyImporter;
import vn.caunoi.core.hierarchy.ImportRejectedException;
import vn.caunoi.core.hierarchy.ImportResult;
import vn.caunoi.core.hierarchy.SnapshotFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar caunoi-api.jar import-units …}: imports an official list or a change file into
 * the database the server uses (the embedded one in {@code caunoi.data-dir}, or
 * {@code spring.datasource.url}), without starting the web server.
 *
 * <pre>
 * import-units --snapshot snapshot-2024-05-01.csv [--date 2024-05-01]
 * import-units --changes changes-2025-07-01.csv [--after snapshot-2025-07-01.csv]
 * </pre>
 * Exit codes: 0 imported (or already imported), 2 refused (every problem printed), 64 bad usage.
 */
public final class ImportUnitsCommand {

    public static final String NAME = "import-units";
    static final String USAGE = """
            usage: java -jar caunoi-api.jar import-units --snapshot FILE [--date YYYY-MM-DD] [server options]
                   java -jar caunoi-api.jar import-units --changes FILE [--after SNAPSHOT_FILE] [server options]
            server options are the server's own, e.g. --caunoi.data-dir=./data or --spring.datasource.url=…""";

    private ImportUnitsCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path snapshot = null;
        Path changes = null;
        Path after = null;
        LocalDate date = null;
        List<String> springArgs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--snapshot" -> snapshot = Path.of(value(args, ++i));
                    case "--changes" -> changes = Path.of(value(args, ++i));
                    case "--after" -> after = Path.of(value(args, ++i));
                    case "--date" -> date = LocalDate.parse(value(args, ++i));
                    default -> springArgs.add(CliContext.springArg(args[i]));
                }
            }
            if ((snapshot == null) == (changes == null)) {
                throw new IllegalArgumentException("give either --snapshot or --changes");
            }
            if (snapshot != null && date == null) {
                date = SnapshotFile.dateInName(snapshot.getFileName().toString())
                        .orElseThrow(() -> new IllegalArgumentException("no date in the file name: give --date YYYY-MM-DD"));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 64;
        }
        try (ConfigurableApplicationContext context = CliContext.start(springArgs, err)) {
            HierarchyImporter importer = context.getBean(CauNoi.class).hierarchyImporter();
            Actor actor = CliContext.actor();
            ImportResult result;
            if (snapshot != null) {
                result = importer.importSnapshot(actor, snapshot.getFileName().toString(), Files.readAllBytes(snapshot), date);
            } else if (after == null) {
                result = importer.importChanges(actor, changes.getFileName().toString(), Files.readAllBytes(changes));
            } else {
                result = importer.importChanges(actor, changes.getFileName().toString(), Files.readAllBytes(changes),
                        after.getFileName().toString(), Files.readAllBytes(after));
            }
            out.println(result.summary());
            result.warnings().forEach(w -> out.println("warning: " + w));
            return 0;
        } catch (ImportRejectedException e) {
            err.println("refused, nothing was applied:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        } catch (IOException e) {
            err.println("cannot read the file: " + e.getMessage());
            return 66;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
