package vn.caunoi.core.hierarchy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.PageRequest;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.demo.DemoData;
import vn.caunoi.testkit.TestDatabases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hierarchy built from the real 2024–2025 lists of Hưng Yên and Thái Bình. */
class ReferenceHierarchyTest {

    static final Actor SYSTEM = Actor.system();
    static final LocalDate JUNE_2024 = LocalDate.of(2024, 6, 1);
    static final LocalDate DECEMBER_2024 = LocalDate.of(2024, 12, 1);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    static CauNoi caunoi;
    static HierarchyService hierarchy;
    static List<ImportResult> imports;

    @BeforeAll
    static void importReferenceData() {
        caunoi = CauNoi.create(TestDatabases.freshDatabase());
        hierarchy = caunoi.hierarchy();
        imports = DemoData.importAdministrativeUnits(caunoi.hierarchyImporter(), SYSTEM, true);
    }

    long count(UnitLevel level, String under, LocalDate asOf) {
        return hierarchy.units(SYSTEM, new UnitQuery(level, under, null, asOf, new PageRequest(0, 0))).totalCount();
    }

    @Test
    void thai_binh_had_260_communes_in_june_2024_and_242_in_december() {
        assertThat(count(UnitLevel.COMMUNE, "34", JUNE_2024)).isEqualTo(260);
        assertThat(count(UnitLevel.COMMUNE, "34", DECEMBER_2024)).isEqualTo(242);
        assertThat(count(UnitLevel.DISTRICT, "34", JUNE_2024)).isEqualTo(8);
    }

    @Test
    void hung_yen_today_has_104_communes_and_no_district() {
        assertThat(count(UnitLevel.COMMUNE, "33", TODAY)).isEqualTo(104);
        assertThat(count(UnitLevel.DISTRICT, "33", TODAY)).isZero();
        assertThat(count(UnitLevel.DISTRICT, null, TODAY)).isZero();
        assertThat(hierarchy.unit(SYSTEM, "34", TODAY)).isEmpty();
        assertThat(count(UnitLevel.COMMUNE, "33", LocalDate.of(2025, 3, 1))).isEqualTo(139);
    }

    @Test
    void villages_follow_their_communes() {
        long villagesBefore = count(UnitLevel.VILLAGE, null, JUNE_2024);
        assertThat(villagesBefore).isBetween(421L * 5, 421L * 7);
        assertThat(count(UnitLevel.VILLAGE, null, TODAY)).isEqualTo(villagesBefore);
        assertThat(count(UnitLevel.VILLAGE, "33", TODAY)).isEqualTo(villagesBefore);
    }

    @Test
    void the_imports_report_what_they_did() {
        assertThat(imports).allSatisfy(r -> assertThat(r.alreadyImported()).isFalse());
        Map<ChangeType, Integer> july = imports.get(3).changes();
        assertThat(july.get(ChangeType.ABOLISHED)).isEqualTo(18);
        assertThat(july.get(ChangeType.SPLIT)).isEqualTo(8);
    }
}
