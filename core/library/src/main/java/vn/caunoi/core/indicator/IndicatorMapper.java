package vn.caunoi.core.indicator;

import org.apache.ibatis.annotations.Param;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** SQL of indicators: areas on a date, adopters from the running counts, eligible population, targets, scorecards. */
interface IndicatorMapper {

    List<IndicatorRows.AreaRow> area(@Param("underId") long underId, @Param("hdate") LocalDate hierarchyDate);

    /**
     * Residents at any of {@code stages} of {@code service} at the end of each of {@code dates}, per
     * unit of the area their village falls in on {@code hdate}; {@code dateIndex} counts from 1.
     */
    List<IndicatorRows.FactRow> adopters(@Param("service") String service, @Param("stages") String[] stages, @Param("dates") String[] dates,
                                         @Param("hdate") LocalDate hierarchyDate, @Param("areaIds") Long[] areaIds,
                                         @Param("villageIds") Long[] villageIds);

    /** Villages that did not exist on {@code hierarchyDate} and whose facts are placed on a unit of the area then. */
    List<IndicatorRows.AreaRow> placedVillages(@Param("areaIds") Long[] areaIds, @Param("hdate") LocalDate hierarchyDate);

    /** The years up to {@code year} that have population figures, latest first. */
    List<Integer> populationYears(@Param("year") int year);

    /** The stamp of the population figures and the map (migration V15): it moves when either changes. */
    @org.apache.ibatis.annotations.Select("select value from caunoi_stamp where name = 'population_and_map'")
    long populationAndMapStamp();

    /** Whether this transaction has written nothing yet (no transaction id assigned). */
    @org.apache.ibatis.annotations.Select("select pg_current_xact_id_if_assigned() is null")
    boolean nothingWritten();

    List<IndicatorRows.FactRow> eligible(@Param("year") int year, @Param("fdate") LocalDate figureDate,
                                         @Param("hdate") LocalDate hierarchyDate, @Param("areaIds") Long[] areaIds,
                                         @Param("subject") String subject, @Param("minAge") int minAge,
                                         @Param("maxAge") Integer maxAge);

    List<IndicatorRows.TargetRow> targetsOf(@Param("areaIds") Long[] unitIds, @Param("service") String service,
                                            @Param("stage") String stage);

    List<Long> ancestorIds(@Param("unitId") long unitId, @Param("hdate") LocalDate hierarchyDate);

    long upsertTarget(@Param("unitId") long unitId, @Param("service") String service, @Param("stage") String stage,
                      @Param("dueOn") LocalDate dueOn, @Param("rate") BigDecimal rate, @Param("basis") String basis,
                      @Param("setBy") String setBy);

    IndicatorRows.TargetRow target(@Param("id") long id);

    List<IndicatorRows.TargetRow> targetsByIds(@Param("ids") Long[] ids);

    void prepareTargetStage();

    int upsertStagedTargets(@Param("job") long jobId, @Param("setBy") String setBy);

    List<IndicatorRows.ScorecardRow> scorecards(@Param("underId") long underId, @Param("from") LocalDate from,
                                                @Param("to") LocalDate to);

    List<IndicatorRows.PopulationRow> population(@Param("unitIds") Long[] unitIds, @Param("year") Integer year);

    // --- the load of imported population figures, staged by COPY into population_stage ---

    void preparePopulationStage();

    int upsertPopulation(@Param("job") long jobId);

    /** Rates read the figures right after an import: the planner must not believe the tables empty. */
    void analyzeFigures();
}
