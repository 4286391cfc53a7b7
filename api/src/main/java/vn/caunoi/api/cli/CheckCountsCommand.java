package vn.caunoi.api.cli;

import vn.caunoi.core.adoption.Adoption;
import org.springframework.context.ConfigurableApplicationContext;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.resident.Residents;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar caunoi-api.jar check-counts}: recomputes the running adoption counts from every
 * event (and the monthly levels from the daily counts) and compares them with the stored ones. Exit code 0 when they are identical,
 * 3 when not (the first differences are printed), 64 bad usage; see {@link Commands} for the codes every command shares.
 */
public final class CheckCountsCommand {

    public static final String NAME = "check-counts";
    /** The counts differ from a recomputation: a finding, distinct from a failure to run (1) or a busy directory (75). */
    static final int DIFFERENT = 3;

    private CheckCountsCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> springArgs = new ArrayList<>();
        try {
            for (String arg : args) {
                springArgs.add(CliContext.springArg(arg));
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: java -jar caunoi-api.jar check-counts [server options]");
            return 64;
        }
        try (ConfigurableApplicationContext context = CliContext.start(springArgs, err)) {
            long started = System.nanoTime();
            Adoption.CountCheck check = context.getBean(CauNoi.class).counts().checkCounts(CliContext.actor());
            double seconds = (System.nanoTime() - started) / 1e9;
            if (check.exact()) {
                out.printf("running counts exact: %,d daily rows equal a recomputation from the events and %,d monthly levels "
                        + "the daily counts summed (%.1f s)%n", check.rowsCompared(), check.monthRowsCompared(), seconds);
                return 0;
            }
            if (!check.differences().isEmpty()) {
                out.printf("running counts DIFFER from a recomputation in at least %d rows:%n", check.differences().size());
                check.differences().forEach(d -> out.println("  " + d));
            }
            if (!check.monthDifferences().isEmpty()) {
                out.printf("monthly levels DIFFER from the daily counts in at least %d rows:%n", check.monthDifferences().size());
                check.monthDifferences().forEach(d -> out.println("  " + d));
            }
            return DIFFERENT;
        }
    }
}
