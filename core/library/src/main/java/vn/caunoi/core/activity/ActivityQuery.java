package vn.caunoi.core.activity;

import vn.caunoi.core.common.PageRequest;

import java.time.LocalDate;

/**
 * A list of the teams' work (support activities, trainings, feedback): under a unit on the map of
 * {@code asOf}, between two dates of the data, by service, stage, campaign, team or status where
 * they apply.
 */
public record ActivityQuery(String under, LocalDate asOf, LocalDate from, LocalDate to, String service, String stage,
                            Long campaignId, Long teamId, String status, PageRequest page) {
}
