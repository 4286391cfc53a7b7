package vn.caunoi.core.indicator;

import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators.AdoptionTarget;
import vn.caunoi.core.team.TeamStatus;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Rows of the indicator queries. */
final class IndicatorRows {

    private IndicatorRows() {
    }

    /** A unit of an area on a date, with its parent on that date (null for the area's root). */
    public static final class PopulationRow {
        public Long unitId;
        public Integer year;
        public Integer ageFrom;
        public Integer ageTo;
        public Long persons;
        public Long households;
        public Long importJobId;

        public Indicators.PopulationFigure figure() {
            return new Indicators.PopulationFigure(unitId, year, ageFrom, ageTo, persons, households);
        }
    }

    public static final class AreaRow {
        public Long id;
        public Long parentId;
        public String code;
        public String name;
        public String kind;
        public UnitLevel level;
        public LocalDate validFrom;
        public LocalDate validTo;

        public AdministrativeUnit unit() {
            return new AdministrativeUnit(id, code, name, kind, level, validFrom, validTo);
        }
    }

    /** A figure placed on a unit of the area: adopters on the date of index {@code dateIndex} (from 1), or eligible persons. */
    public static final class FactRow {
        public Integer dateIndex;
        public Long unitId;
        public Long value;
    }

    public static final class TargetRow {
        public Long id;
        public Long unitId;
        public String serviceCode;
        public String stageCode;
        public LocalDate dueOn;
        public BigDecimal rate;
        public String basis;
        public String setBy;

        public AdoptionTarget target() {
            return new AdoptionTarget(id, unitId, serviceCode, stageCode, dueOn, rate.doubleValue(), basis, setBy);
        }
    }

    /** What a team did in a period, and how its members stand at the period's end. */
    public static final class ScorecardRow {
        public Long teamId;
        public Long unitId;
        public UnitLevel level;
        public String name;
        public LocalDate establishedOn;
        public LocalDate dissolvedOn;
        public TeamStatus status;
        public Long areaId;
        /** The first day of the period the team existed in. */
        public LocalDate activeFrom;
        public Long members;
        public Long activeMembers;
        public Long supportActivities;
        public Long residentsHelped;
        public Long adoptionsRecorded;
        public Long trainedMembers;
        public Long trainingAttendances;
    }
}
