package vn.caunoi.core.imports;

import java.time.Instant;
import java.util.Map;

/**
 * One import of one file. Identified by its kind and the SHA-256 of its content: importing the same
 * file again finds the same job (and changes nothing once it is done, or resumes it if it stopped).
 *
 * @param lastLine        the last line of the file whose fate is committed; a re-run resumes after it
 * @param fractionDone    how far through the file, 0 to 1; null while unknown (a workbook that does not say its size)
 * @param rowsPerSecond   the speed of the current or last run
 * @param etaSeconds      seconds left at that speed, or null when unknown
 * @param contentSha256   the file's SHA-256: its identity with the kind
 */
public record ImportJob(long id, Kind kind, String fileName, Format format, State state, Map<String, String> parameters,
                        long bytesTotal, Double fractionDone, long lastLine, long rowsDone, long rowsAccepted,
                        long rowsRejected, Double rowsPerSecond, Double etaSeconds, String failure, String startedBy,
                        Instant startedAt, Instant updatedAt, Instant finishedAt, String contentSha256) {

    /** What the file holds. */
    public enum Kind {
        /** Residents, optionally with a stage of a service each: an agency's list or a team's survey. */
        ADOPTION,
        /** Population denominators per unit and year. */
        POPULATION,
        /** Adoption targets per unit, service, stage and due date (a province's resolution). */
        TARGET
    }

    public enum Format { CSV, XLSX }

    /**
     * RUNNING while a process works on it (or until a crashed process's job is resumed); INTERRUPTED
     * when stopped on purpose; FAILED when the file cannot be read at all or the run broke; DONE.
     */
    public enum State { RUNNING, INTERRUPTED, FAILED, DONE }

    public boolean finished() {
        return state == State.DONE;
    }
}
