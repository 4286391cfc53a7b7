package vn.caunoi.api.indicator;

import vn.caunoi.core.indicator.Indicators;
import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.team.TeamViews.TeamView;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.AdoptionTarget;
import vn.caunoi.core.indicator.Indicators.Flag;
import vn.caunoi.core.indicator.Indicators.TeamScorecard;
import vn.caunoi.core.indicator.Indicators.TrendPoint;

import java.time.LocalDate;

/** Indicators as GraphQL shows them. */
public final class IndicatorViews {

    private IndicatorViews() {
    }

    /** A target, with the date its unit is shown on. */
    public record TargetView(AdoptionTarget target, LocalDate asOf) implements DomainView {
        public String id() {
            return GlobalId.of("AdoptionTarget", target.id());
        }

        @Override
        public Object domain() {
            return target;
        }
    }

    public record RateView(AdoptionRate figure) implements DomainView {
        public UnitView unit() {
            return UnitView.of(figure.unit(), asOf());
        }

        public LocalDate asOf() {
            return figure.asOf();
        }

        /** The deprecated spelling of {@link #asOf}. */
        public LocalDate hierarchyAsOf() {
            return asOf();
        }

        public Double target() {
            return figure.target() == null ? null : figure.target().rate();
        }

        public LocalDate targetDueOn() {
            return figure.target() == null ? null : figure.target().dueOn();
        }

        public TargetView targetDetail() {
            return figure.target() == null ? null : new TargetView(figure.target(), asOf());
        }

        @Override
        public Object domain() {
            return figure;
        }
    }

    public record TrendPointView(TrendPoint point) implements DomainView {
        public Double target() {
            return point.target() == null ? null : point.target().rate();
        }

        @Override
        public Object domain() {
            return point;
        }
    }

    /** Why a team is flagged: the reason in English ({@code message}) and in Vietnamese ({@code messageVi}). */
    public record FlagView(Flag flag) implements DomainView {
        public String message() {
            return flag.message().en();
        }

        public String messageVi() {
            return flag.message().vi();
        }

        @Override
        public Object domain() {
            return flag;
        }
    }

    public record ScorecardView(TeamScorecard card) implements DomainView {
        public java.util.List<FlagView> flags() {
            return card.flags().stream().map(FlagView::new).toList();
        }

        public TeamView team() {
            return new TeamView(card.team(), card.period().to());
        }

        public UnitView area() {
            return UnitView.of(card.area(), card.period().to());
        }

        public UnitView province() {
            return UnitView.of(card.province(), card.period().to());
        }

        @Override
        public Object domain() {
            return card;
        }
    }
}
