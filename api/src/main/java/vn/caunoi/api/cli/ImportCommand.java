package vn.caunoi.api.cli;

import org.springframework.context.ConfigurableApplicationContext;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar caunoi-api.jar import FILE …}: imports residents with their adoption, or
 * population figures, from CSV or XLSX into the server's database, printing progress (rows done,
 * rows/s, ETA). The same job as an upload through the dashboard; importing the same file again
 * resumes it if it stopped and changes nothing if it is done.
 *
 * <pre>
 * import activations.csv --service vneid --stage LEVEL_2_ACTIVATED --attr verificationPlace=COMMUNE_POLICE --agency "Công an tỉnh"
 * import residents.xlsx --as-of 2025-01-01
 * import population-2025.csv --kind population
 * import targets-2025.csv --kind target --basis "Nghị quyết 05/NQ-TU"
 * </pre>
 * Exit codes: 0 done (rejected rows are reported, not an error), 2 the file or parameters were
 * refused, 64 bad usage, 66 the file cannot be read, 75 the same file is being imported right now.
 */
public final class ImportCommand {

    public static final String NAME = "import";
    static final String USAGE = """
            usage: java -jar caunoi-api.jar import FILE [--kind adoption|population|target] [--service CODE --stage CODE]
                       [--source TEAM_SUPPORT|SELF_REPORTED|AGENCY_LIST] [--as-of YYYY-MM-DD] [--agency NAME] [--basis TEXT]
                       [--attr NAME=VALUE]... [--report REJECTIONS.csv] [server options]
            server options are the server's own, e.g. --caunoi.data-dir=./data or --spring.datasource.url=…""";

    private ImportCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        Path report = null;
        ImportJob.Kind kind = ImportJob.Kind.ADOPTION;
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> springArgs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--kind" -> kind = ImportJob.Kind.valueOf(value(args, ++i).toUpperCase(Locale.ROOT));
                    case "--service" -> parameters.put("service", value(args, ++i));
                    case "--stage" -> parameters.put("stage", value(args, ++i));
                    case "--source" -> parameters.put("source", value(args, ++i));
                    case "--as-of" -> parameters.put("asOf", value(args, ++i));
                    case "--agency" -> parameters.put("agency", value(args, ++i));
                    case "--basis" -> parameters.put("basis", value(args, ++i));
                    case "--report" -> report = Path.of(value(args, ++i));
                    case "--attr" -> {
                        String v = value(args, ++i);
                        int eq = v.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--attr takes NAME=VALUE");
                        }
                        parameters.put("attr." + v.substring(0, eq), v.substring(eq + 1));
                    }
                    default -> {
                        if (!args[i].startsWith("--") && file == null) {
                            file = Path.of(args[i]);
                        } else {
                            springArgs.add(CliContext.springArg(args[i]));
                        }
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("give the file to import");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 64;
        }
        if (!Files.isReadable(file)) {
            err.println("cannot read " + file);
            return 66;
        }
        try (ConfigurableApplicationContext context = CliContext.start(springArgs, err)) {
            ImportJobs imports = context.getBean(CauNoi.class).imports();
            ImportJob job = imports.run(CliContext.actor(), new ImportJobs.Request(kind, file, file.getFileName().toString(), parameters),
                    j -> out.println(progress(j)));
            out.println(summary(job));
            if (job.rowsRejected() > 0) {
                imports.rejections(CliContext.actor(), job.id(), PageRequest.of(10, 0)).items()
                        .forEach(r -> out.println("  line " + r.line() + (r.column() == null ? "" : ", " + r.column()) + ": " + r.code()
                                + " — " + r.reason()));
                if (report != null) {
                    try (var writer = Files.newBufferedWriter(report)) {
                        imports.writeRejectionReport(CliContext.actor(), job.id(), writer);
                    }
                    out.println("every rejection: " + report);
                }
            }
            return job.state() == ImportJob.State.DONE ? 0 : 2;
        } catch (InvalidInputException e) {
            err.println("refused, nothing was imported:");
            e.problems().forEach(p -> err.println("  " + p.field() + ": " + p.reason() + " — " + p.message()));
            return 2;
        } catch (ImportJobs.ImportRunningException e) {
            err.println(e.getMessage());
            return 75;
        } catch (java.io.IOException e) {
            err.println("cannot write the report: " + e.getMessage());
            return 73;
        }
    }

    static String progress(ImportJob j) {
        return String.format(Locale.ROOT, "job %d: %,d rows (%,d accepted, %,d rejected), %,.0f rows/s, %s done, ETA %s",
                j.id(), j.rowsDone(), j.rowsAccepted(), j.rowsRejected(), j.rowsPerSecond() == null ? 0.0 : j.rowsPerSecond(),
                j.fractionDone() == null ? "?" : String.format(Locale.ROOT, "%.1f%%", 100 * j.fractionDone()),
                j.etaSeconds() == null ? "?" : String.format(Locale.ROOT, "%.0f s", j.etaSeconds()));
    }

    static String summary(ImportJob j) {
        return switch (j.state()) {
            case DONE -> String.format(Locale.ROOT, "job %d %s: %,d rows, %,d accepted, %,d rejected", j.id(), j.state(), j.rowsDone(),
                    j.rowsAccepted(), j.rowsRejected());
            default -> "job " + j.id() + " " + j.state() + ": " + j.failure();
        };
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
