package vn.caunoi.api.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link StartupFailure} as Boot's short "APPLICATION FAILED TO START" report: description and action, no trace. */
public final class StartupFailureAnalyzer extends AbstractFailureAnalyzer<StartupFailure> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupFailure cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action() + "\n(exit code " + cause.exitCode() + ")", cause);
    }
}
