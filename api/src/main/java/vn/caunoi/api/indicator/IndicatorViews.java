package vn.caunoi.api.indicator;

import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.team.TeamViews.TeamView;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.AdoptionTarget;
import vn.caunoi.core.indicator.Indicators.Flag;
import vn.caunoi.core.indicator.Indicators.TeamScorecard;
import vn.caunoi.core.indicator.Indicators.TrendPoint;
import vn.caunoi.core.indicator.Period;

import java.time.LocalDate;
import java.util.List;

/** Indicators as GraphQL shows them. */
public final class IndicatorViews {

    private IndicatorViews() {
    }

    /** A target, with the date its unit is shown on. */
    public record TargetView(AdoptionTarget target, LocalDate asOf) {
        public String id() {
            return GlobalId.of("AdoptionTarget", target.id());
        }

        public String stage() {
            return target.stage();
        }

        public LocalDate dueOn() {
            return target.dueOn();
        }

        public double rate() {
            return target.rate();
        }

        public String basis() {
            return target.basis();
        }

        public String setBy() {
            return target.setBy();
        }
    }

    public record RateView(AdoptionRate figure) {
        public UnitView unit() {
            return UnitView.of(figure.unit(), figure.hierarchyAsOf());
        }

        public String stage() {
            return figure.stage();
        }

        public Period period() {
            return figure.period();
        }

        public LocalDate hierarchyAsOf() {
            return figure.hierarchyAsOf();
        }

        public Long adopters() {
            return figure.adopters();
        }

        public boolean suppressed() {
            return figure.suppressed();
        }

        public Long newAdopters() {
            return figure.newAdopters();
        }

        public Long eligible() {
            return figure.eligible();
        }

        public Integer populationYear() {
            return figure.populationYear();
        }

        public Double rate() {
            return figure.rate();
        }

        public Double target() {
            return figure.target() == null ? null : figure.target().rate();
        }

        public LocalDate targetDueOn() {
            return figure.target() == null ? null : figure.target().dueOn();
        }

        public TargetView targetDetail() {
            return figure.target() == null ? null : new TargetView(figure.target(), figure.hierarchyAsOf());
        }

        public Double gapToTarget() {
            return figure.gapToTarget();
        }

        public Long adoptersToTarget() {
            return figure.adoptersToTarget();
        }

        public Integer rank() {
            return figure.rank();
        }
    }

    public record TrendPointView(TrendPoint point) {
        public Period period() {
            return point.period();
        }

        public Long adopters() {
            return point.adopters();
        }

        public Long newAdopters() {
            return point.newAdopters();
        }

        public boolean suppressed() {
            return point.suppressed();
        }

        public Long eligible() {
            return point.eligible();
        }

        public Integer populationYear() {
            return point.populationYear();
        }

        public Double rate() {
            return point.rate();
        }

        public Double target() {
            return point.target() == null ? null : point.target().rate();
        }

        public Double gapToTarget() {
            return point.gapToTarget();
        }
    }

    public record ScorecardView(TeamScorecard card) {
        public TeamView team() {
            return new TeamView(card.team(), card.period().to());
        }

        public UnitView area() {
            return UnitView.of(card.area(), card.period().to());
        }

        public UnitView province() {
            return UnitView.of(card.province(), card.period().to());
        }

        public Period period() {
            return card.period();
        }

        public LocalDate activeFrom() {
            return card.activeFrom();
        }

        public double months() {
            return card.months();
        }

        public long members() {
            return card.members();
        }

        public long activeMembers() {
            return card.activeMembers();
        }

        public Double activeMemberShare() {
            return card.activeMemberShare();
        }

        public long supportActivities() {
            return card.supportActivities();
        }

        public Double activitiesPerMemberPerMonth() {
            return card.activitiesPerMemberPerMonth();
        }

        public long residentsHelped() {
            return card.residentsHelped();
        }

        public long adoptionsRecorded() {
            return card.adoptionsRecorded();
        }

        public long trainedMembers() {
            return card.trainedMembers();
        }

        public Double trainedMemberShare() {
            return card.trainedMemberShare();
        }

        public long trainingAttendances() {
            return card.trainingAttendances();
        }

        public long areaNewAdopters() {
            return card.areaNewAdopters();
        }

        public Long areaPopulation() {
            return card.areaPopulation();
        }

        public Double areaGrowthPerThousand() {
            return card.areaGrowthPerThousand();
        }

        public Double provinceGrowthPerThousand() {
            return card.provinceGrowthPerThousand();
        }

        public Double growthVsProvince() {
            return card.growthVsProvince();
        }

        public boolean flagged() {
            return card.flagged();
        }

        public List<Flag> flags() {
            return card.flags();
        }
    }
}
