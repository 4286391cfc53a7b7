package vn.caunoi.core.indicator;

import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.team.Team;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** The value types of indicators: adoption rates, trends, targets and team scorecards. */
public final class Indicators {

    private Indicators() {
    }

    /** A population figure of a unit and year: the whole population (ageFrom 0, ageTo null) or an age band. */
    public record PopulationFigure(long unitId, int year, int ageFrom, Integer ageTo, long persons, Long households) {
    }

    /** Adoption rates of the units of one level under a unit, for a service and a stage (or further). */
    /**
     * With {@code changes} false, the change over the period ({@code newAdopters}) is not read; with
     * {@code targets} false, neither are the targets (and what derives from them): a caller that shows
     * neither saves their statements. Ordering by the gap to the target reads the targets anyway.
     */
    public record RateQuery(String under, UnitLevel groupBy, String service, String stage, Period period,
                            LocalDate asOf, RateOrder order, boolean changes, boolean targets) {
        public RateQuery(String under, UnitLevel groupBy, String service, String stage, Period period, LocalDate asOf) {
            this(under, groupBy, service, stage, period, asOf, RateOrder.CODE);
        }

        public RateQuery(String under, UnitLevel groupBy, String service, String stage, Period period, LocalDate asOf, RateOrder order) {
            this(under, groupBy, service, stage, period, asOf, order, true, true);
        }
    }

    /** The order of a list of rates: by unit code, by rate, or furthest behind the target first; ties by code. */
    public enum RateOrder { CODE, RATE_DESC, RATE_ASC, GAP_DESC }

    /** The adoption of one unit over time, one point per interval. */
    public record TrendQuery(String code, String service, String stage, LocalDate from, LocalDate to, Interval interval,
                             LocalDate asOf) {
    }

    /**
     * A target: {@code rate} (0 to 1] of the eligible population at {@code stage} or further by
     * {@code dueOn}, set for {@code unitId} (and inherited by the units under it that have none).
     */
    public record AdoptionTarget(long id, long unitId, String service, String stage, LocalDate dueOn, double rate, String basis,
                                 String setBy) {
    }

    /**
     * A target to set (or replace: one per unit, service, stage and due date). {@code unit} is a code
     * read on {@code asOf} (default: the due date), the map the resolution was written for.
     */
    public record NewTarget(String unit, LocalDate asOf, String service, String stage, LocalDate dueOn, Double rate,
                            String basis) {
    }

    /**
     * The adoption of a service in one unit: residents at {@code stage} or a later one at the end of
     * the period, over the eligible population of the period's year.
     *
     * @param newAdopters  the net change over the period (null for "up to a date")
     * @param eligible     null when no population figure covers the unit
     * @param rate         adopters / eligible; null without a denominator
     * @param target       the target that applies at the period's end, if any (the unit's own or an ancestor's)
     * @param gapToTarget  target rate − rate: how far behind (negative: ahead)
     * @param adoptersToTarget how many more adopters would reach the target (0 when reached)
     * @param rank         by rate among the units listed, 1 the highest (equal rates share a rank); null without a rate
     * @param suppressed   true when some figures are withheld because they come from too few people
     *                     (the public's view, and a user's outside her scope); those figures are null
     */
    public record AdoptionRate(AdministrativeUnit unit, String service, String stage, Period period, LocalDate asOf,
                               Long adopters, Long newAdopters, Long eligible, Integer populationYear, Double rate,
                               AdoptionTarget target, Double gapToTarget, Long adoptersToTarget, Integer rank, boolean suppressed) {
    }

    /** One point of a trend: the stock at the end of the period and its change over it (null where withheld). */
    public record TrendPoint(Period period, Long adopters, Long newAdopters, Long eligible, Integer populationYear, Double rate,
                             AdoptionTarget target, Double gapToTarget, boolean suppressed) {
    }

    /** Which team scorecards to compute, and the thresholds below which a team is flagged. */
    public record ScorecardQuery(String under, Period period, boolean flaggedOnly, String service, Thresholds thresholds) {
    }

    /**
     * Where a team's figures are too low. Every threshold can be changed per query; the defaults are
     * the server's configuration ({@code caunoi.scorecard.*}).
     *
     * @param activitiesPerMemberPerMonth support activities recorded per member and month
     * @param activeMemberShare           share of members who recorded any work in the period
     * @param trainedMemberShare          share of members who attended any training by the period's end
     * @param growthVsProvince            the area's adoption growth over the province's (1 = as fast)
     * @param minimumMembers              members at the period's end
     */
    public record Thresholds(double activitiesPerMemberPerMonth, double activeMemberShare, double trainedMemberShare,
                             double growthVsProvince, int minimumMembers) {

        /** One support activity per member every four months, half the members active, 60 % trained, half the province's growth, 3 members. */
        public static final Thresholds DEFAULTS = new Thresholds(0.25, 0.5, 0.6, 0.5, 3);

        /**
         * These thresholds with each one given (not null) in its place: a query's own thresholds
         * over the configured ones.
         */
        public Thresholds with(Double activitiesPerMemberPerMonth, Double activeMemberShare, Double trainedMemberShare,
                               Double growthVsProvince, Integer minimumMembers) {
            return new Thresholds(
                    activitiesPerMemberPerMonth == null ? this.activitiesPerMemberPerMonth : activitiesPerMemberPerMonth,
                    activeMemberShare == null ? this.activeMemberShare : activeMemberShare,
                    trainedMemberShare == null ? this.trainedMemberShare : trainedMemberShare,
                    growthVsProvince == null ? this.growthVsProvince : growthVsProvince,
                    minimumMembers == null ? this.minimumMembers : minimumMembers);
        }

        public Thresholds {
            if (activitiesPerMemberPerMonth < 0 || activeMemberShare < 0 || activeMemberShare > 1 || trainedMemberShare < 0
                    || trainedMemberShare > 1 || growthVsProvince < 0 || minimumMembers < 0) {
                throw new vn.caunoi.core.common.InvalidInputException("thresholds", "OUT_OF_RANGE",
                        "thresholds are 0 or more, and shares at most 1");
            }
        }
    }

    /** Why a team is flagged: a stable code, the reason in plain words, the value measured and the threshold it fell below. */
    public record Flag(String code, vn.caunoi.spi.LocalizedText message, double value, double threshold) {
        public Flag {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * What a community digital technology team did in a period and how its area took up digital
     * services, against the province.
     *
     * @param area                       the unit the team works in on the map of the period's end
     * @param activeFrom                 the period's start, or the team's establishment when later
     * @param months                     the length of the period the team existed in, in months
     * @param areaNewAdopters            net new adopters (each service at its adopted stage) in the area over the period
     * @param areaPopulation             the area's population in the period's year (null when unknown)
     * @param areaGrowthPerThousand      new adopters per 1,000 residents of the area
     * @param provinceGrowthPerThousand  the same for the province the area is in
     * @param growthVsProvince           the area's growth over the province's (null when either is unknown or the province's is 0)
     */
    public record TeamScorecard(Team team, AdministrativeUnit area, AdministrativeUnit province, Period period, LocalDate activeFrom, double months,
                                long members, long activeMembers, long supportActivities, long residentsHelped,
                                long adoptionsRecorded, long trainedMembers, long trainingAttendances,
                                Double activitiesPerMemberPerMonth, Double activeMemberShare, Double trainedMemberShare,
                                long areaNewAdopters, Long areaPopulation, Double areaGrowthPerThousand,
                                Double provinceGrowthPerThousand, Double growthVsProvince, List<Flag> flags) {

        public boolean flagged() {
            return !flags.isEmpty();
        }
    }
}
