package vn.caunoi.core.indicator;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.AdoptionTarget;
import vn.caunoi.core.indicator.Indicators.Flag;
import vn.caunoi.core.indicator.Indicators.NewTarget;
import vn.caunoi.core.indicator.Indicators.RateQuery;
import vn.caunoi.core.indicator.Indicators.ScorecardQuery;
import vn.caunoi.core.indicator.Indicators.TeamScorecard;
import vn.caunoi.core.indicator.Indicators.Thresholds;
import vn.caunoi.core.indicator.Indicators.TrendPoint;
import vn.caunoi.core.indicator.Indicators.TrendQuery;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamStatus;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.ServiceDescriptor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each community digital technology team did in a period and how its area took up digital
 * services against the province, with the flags that say where a team lags.
 */
public final class TeamScorecards {

    /** The mean Gregorian month, in days: activities per member and month over any period. */
    private static final double DAYS_PER_MONTH = 365.2425 / 12;

    private final IndicatorRules rules;

    public TeamScorecards(Context ctx) {
        this.rules = new IndicatorRules(ctx);
    }

    /** One page of scorecards, and how many teams are flagged in all. */
    public record Scorecards(Page<TeamScorecard> page, long flaggedCount) {
    }

    /**
     * A scorecard for every team working under {@code under} on the period's last day, most flags
     * first, then by name. Growth is measured over the period (since records began for "up to a
     * date") for one service at its adopted stage, or for every service of the catalogue together.
     */
    public Scorecards teamScorecards(Actor actor, ScorecardQuery q, PageRequest page) {
        List<TeamScorecard> cards = allTeamScorecards(actor, q);
        long flagged = cards.stream().filter(TeamScorecard::flagged).count();
        List<TeamScorecard> listed = q.flaggedOnly() ? cards.stream().filter(TeamScorecard::flagged).toList() : cards;
        int from = Math.min(page.offset(), listed.size());
        List<TeamScorecard> slice = listed.subList(from, (int) Math.min(listed.size(), (long) from + page.limit()));
        return new Scorecards(new Page<>(slice, listed.size(), page.offset()), flagged);
    }

    /** Every team's scorecard (flagged or not, whatever {@code flaggedOnly} says), in the order of {@link #teamScorecards}. */
    public List<TeamScorecard> allTeamScorecards(Actor actor, ScorecardQuery q) {
        Access.require(actor, Operation.READ_SCORECARDS);
        LocalDate today = rules.ctx.today();
        Problems p = new Problems();
        Period period = p.required("period", q.period());
        Thresholds thresholds = q.thresholds() == null ? Thresholds.DEFAULTS : q.thresholds();
        List<ServiceDescriptor> measuredServices;
        if (q.service() != null && !q.service().isBlank()) {
            IndicatorRules.Measured one = rules.measured(actor, p, q.service(), null);
            measuredServices = one == null ? List.of() : List.of(one.service());
        } else {
            measuredServices = rules.ctx.services().catalogue(actor).stream().map(CatalogueEntry::descriptor).toList();
        }
        p.throwIfAny();
        AdministrativeUnit under = rules.ctx.hierarchy().requireUnit(actor, "under", q.under(), period.to());
        rules.ctx.access().requireIn(actor, under.id(), period.to(), under.fullName());
        AdministrativeUnit province = under.level() == UnitLevel.PROVINCE ? under
                : rules.ctx.hierarchy().ancestors(actor, List.of(new UnitAt(under.id(), period.to()))).values().stream().flatMap(List::stream)
                .filter(u -> u.level() == UnitLevel.PROVINCE).findFirst().orElse(under);
        List<String> keys = new ArrayList<>();
        measuredServices.forEach(d -> keys.addAll(new IndicatorRules.Measured(d, d.adoptedStage()).keys()));
        return rules.db.read(tx -> {
            IndicatorMapper m = tx.mapper(IndicatorMapper.class);
            long stamp = m.populationAndMapStamp(); // before the area: see EligibleFigures
            List<IndicatorRows.ScorecardRow> rows = m.scorecards(under.id(), period.from(), period.to());
            Rollup area = Rollup.of(m, province.id(), period.to());
            List<LocalDate> dates = period.dayBefore() == null ? List.of(period.to()) : List.of(period.to(), period.dayBefore());
            List<Map<Long, Long>> adopters = area.adopters(m, keys, dates);
            Function<Long, Long> growth = unit -> adopters.get(0).getOrDefault(unit, 0L)
                    - (dates.size() > 1 ? adopters.get(1).getOrDefault(unit, 0L) : 0L);
            Map<Long, Long> population = rules.eligible(m, area, period.year(), new Eligibility(Eligibility.Subject.PERSON, 0, null, null),
                    true, stamp).value();
            Double provinceGrowth = perThousand(growth.apply(province.id()), population.get(province.id()));
            return rows.stream()
                    .map(r -> scorecard(r, area.unit(r.areaId), area.root(), period, today, growth.apply(r.areaId), population.get(r.areaId),
                            provinceGrowth, thresholds))
                    .sorted(Comparator.comparing((TeamScorecard c) -> -c.flags().size())
                            .thenComparing(c -> c.team().name()).thenComparing(c -> c.team().id()))
                    .toList();
        });
    }

    private static Double perThousand(long adopters, Long population) {
        return population == null || population == 0 ? null : 1000.0 * adopters / population;
    }

    private static TeamScorecard scorecard(IndicatorRows.ScorecardRow r, AdministrativeUnit area, AdministrativeUnit province,
                                           Period period, LocalDate today, long areaGrowth,
                                           Long areaPopulation, Double provinceGrowth, Thresholds t) {
        Team team = new Team(r.teamId, r.unitId, r.level, r.name, r.establishedOn, r.dissolvedOn, r.status);
        // A period still running is measured over the days lived so far, else this year's teams
        // would all look idle in June.
        double months = period.daysFrom(r.activeFrom, today) / DAYS_PER_MONTH;
        Double perMember = r.members == 0 || months == 0 ? null : r.supportActivities / (double) r.members / months;
        Double activeShare = r.members == 0 ? null : r.activeMembers / (double) r.members;
        Double trainedShare = r.members == 0 ? null : r.trainedMembers / (double) r.members;
        Double areaPerThousand = perThousand(areaGrowth, areaPopulation);
        Double vsProvince = areaPerThousand == null || provinceGrowth == null || provinceGrowth <= 0 ? null : areaPerThousand / provinceGrowth;
        List<Flag> flags = new ArrayList<>();
        if (r.status == TeamStatus.SUSPENDED) {
            flags.add(new Flag("SUSPENDED", LocalizedText.of("tổ đang tạm dừng hoạt động", "the team is suspended"), 0, 0));
        }
        if (r.members < t.minimumMembers()) {
            flags.add(new Flag("TOO_FEW_MEMBERS", LocalizedText.of(
                    r.members + " thành viên, ít hơn " + t.minimumMembers(),
                    r.members + " members, fewer than " + t.minimumMembers()), r.members, t.minimumMembers()));
        }
        double activity = perMember == null ? 0 : perMember;
        if (activity < t.activitiesPerMemberPerMonth()) {
            flags.add(new Flag("LOW_ACTIVITY", LocalizedText.of(
                    vi(activity) + " lượt hỗ trợ mỗi thành viên mỗi tháng, dưới mức " + vi(t.activitiesPerMemberPerMonth()),
                    en(activity) + " support activities per member per month, below " + en(t.activitiesPerMemberPerMonth())),
                    activity, t.activitiesPerMemberPerMonth()));
        }
        if (activeShare != null && activeShare < t.activeMemberShare()) {
            flags.add(new Flag("FEW_ACTIVE_MEMBERS", LocalizedText.of(
                    percentVi(activeShare) + " thành viên có ghi nhận hoạt động, dưới mức " + percentVi(t.activeMemberShare()),
                    percentEn(activeShare) + " of members recorded any work, below " + percentEn(t.activeMemberShare())),
                    activeShare, t.activeMemberShare()));
        }
        if (trainedShare != null && trainedShare < t.trainedMemberShare()) {
            flags.add(new Flag("UNTRAINED_MEMBERS", LocalizedText.of(
                    percentVi(trainedShare) + " thành viên đã được tập huấn, dưới mức " + percentVi(t.trainedMemberShare()),
                    percentEn(trainedShare) + " of members attended a training, below " + percentEn(t.trainedMemberShare())),
                    trainedShare, t.trainedMemberShare()));
        }
        if (vsProvince != null && vsProvince < t.growthVsProvince()) {
            flags.add(new Flag("SLOW_GROWTH", LocalizedText.of(
                    "mức tăng sử dụng dịch vụ số trên địa bàn bằng " + vi(vsProvince) + " lần mức của tỉnh, dưới mức " + vi(t.growthVsProvince()),
                    "adoption in the area grew " + en(vsProvince) + " times as fast as in the province, below " + en(t.growthVsProvince())),
                    vsProvince, t.growthVsProvince()));
        }
        return new TeamScorecard(team, area, province, period, r.activeFrom, months, r.members, r.activeMembers, r.supportActivities,
                r.residentsHelped, r.adoptionsRecorded, r.trainedMembers, r.trainingAttendances, perMember, activeShare, trainedShare,
                areaGrowth, areaPopulation, areaPerThousand, provinceGrowth, vsProvince, List.copyOf(flags));
    }

    private static final Locale VI = Locale.forLanguageTag("vi-VN");

    private static String en(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String vi(double v) {
        return String.format(VI, "%.2f", v);
    }

    private static String percentEn(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String percentVi(double share) {
        return String.format(VI, "%.0f%%", share * 100);
    }
}
