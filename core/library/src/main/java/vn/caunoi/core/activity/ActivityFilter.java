package vn.caunoi.core.activity;

import java.time.LocalDate;

/**
 * A filter of activities, trainings or feedback: under a unit on the map of {@code asOf}, between two
 * dates, and by service, stage, campaign, team or status where they apply; with a {@code scope}
 * (unit ids, null for everything), only the facts whose unit lay in it on the fact's own date.
 */
record ActivityFilter(long underId, LocalDate asOf, LocalDate from, LocalDate to, String service, String stage,
                             Long campaignId, Long teamId, String status, Long[] scope) {
}
