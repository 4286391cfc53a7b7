package vn.caunoi.core.hierarchy;

import java.util.List;
import java.util.Map;

/**
 * What an import did. {@code alreadyImported} is true when the same file (same bytes) had been
 * imported before: then nothing changed and {@code importId} is the earlier import.
 */
public record ImportResult(long importId, String fileName, boolean alreadyImported, int unitsCreated,
                           int unitsEnded, int unitsMoved, Map<ChangeType, Integer> changes,
                           List<String> warnings) {

    public ImportResult {
        changes = Map.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    public String summary() {
        if (alreadyImported) {
            return fileName + ": already imported as import " + importId + ", nothing changed";
        }
        return fileName + ": " + unitsCreated + " unit(s) created, " + unitsEnded + " ended, " + unitsMoved
                + " moved; changes " + changes + (warnings.isEmpty() ? "" : "; " + warnings.size() + " warning(s)");
    }
}
