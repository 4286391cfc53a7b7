package vn.caunoi.core.hierarchy;

import org.apache.ibatis.annotations.Param;
import vn.caunoi.core.hierarchy.UnitLevel;

import java.time.LocalDate;
import java.util.List;

/** SQL of the administrative hierarchy (HierarchyMapper.xml beside it in resources). */
interface HierarchyMapper {

    UnitRow findByCode(@Param("code") String code, @Param("asOf") LocalDate asOf);

    List<UnitRow> findByIds(@Param("ids") Long[] ids);

    List<UnitRow> codeIndex(@Param("level") UnitLevel level);

    List<UnitRow> placedAt(@Param("ids") Long[] unitIds, @Param("dates") String[] dates);

    List<UnitRow> parentsAt(@Param("ids") Long[] ids, @Param("dates") String[] dates);

    List<UnitRow> ancestorsAt(@Param("ids") Long[] ids, @Param("dates") String[] dates);

    List<UnitRow> childrenAt(@Param("ids") Long[] ids, @Param("dates") String[] dates,
                             @Param("level") UnitLevel level, @Param("offset") int offset, @Param("limit") int limit,
                             @Param("countTotal") boolean countTotal);

    List<UnitRow> search(@Param("q") UnitSearch search);

    long countSearch(@Param("q") UnitSearch search);

    List<ChangeRow> predecessorsOf(@Param("ids") Long[] ids);

    List<ChangeRow> successorsOf(@Param("ids") Long[] ids);

    List<ChangeRow> changes(@Param("under") String underCode, @Param("from") LocalDate from, @Param("to") LocalDate to,
                            @Param("offset") int offset, @Param("limit") int limit);

    long countChanges(@Param("under") String underCode, @Param("from") LocalDate from, @Param("to") LocalDate to);

    List<ChangeRow> changesByIds(@Param("ids") Long[] ids);

    long countUnits();

    void analyze();

    // --- writes (imports) ---

    void lockHierarchy();

    Long findImportByDigest(@Param("sha") String sha256);

    long insertImport(@Param("kind") String kind, @Param("fileName") String fileName, @Param("sha") String sha256,
                      @Param("date") LocalDate effectiveDate, @Param("actor") String actor, @Param("summary") String summary);

    List<UnitRow> allValidOn(@Param("date") LocalDate date);

    LocalDate latestChangeAfter(@Param("date") LocalDate date);

    int closeUnits(@Param("ids") Long[] ids, @Param("date") LocalDate date);

    int closeParentLinks(@Param("ids") Long[] unitIds, @Param("date") LocalDate date);

    int insertUnits(@Param("list") List<NewUnitRow> units);

    int insertParentLinks(@Param("list") List<ParentLinkRow> links);

    List<Long> nextEventIds(@Param("n") int n);

    int insertChanges(@Param("list") List<ChangeRow> changes);

    List<String> structureViolations();
}
