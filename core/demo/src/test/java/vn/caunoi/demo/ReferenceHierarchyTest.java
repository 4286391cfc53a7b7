package vn.caunoi.demo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.ChangeType;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.hierarchy.ImportResult;
import vn.caunoi.core.hierarchy.ReferenceUnits;
import vn.caunoi.core.hierarchy.UnitChange;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.hierarchy.UnitQuery;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.text.VietnameseText;
import vn.caunoi.testkit.TestDatabases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The demo map: the real 2024–2025 lists of Hưng Yên and Thái Bình shipped with core, with generated villages. */
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

    List<AdministrativeUnit> search(String text, UnitLevel level, String under, LocalDate asOf) {
        return hierarchy.units(SYSTEM, new UnitQuery(level, under, text, asOf, new PageRequest(0, 50))).items();
    }

    @Test
    void two_communes_named_tan_hoa_in_thai_binh_and_where_each_went() {
        List<AdministrativeUnit> tanHoa = search("Tân Hoà", UnitLevel.COMMUNE, "34", JUNE_2024);
        assertThat(tanHoa).extracting(AdministrativeUnit::code, AdministrativeUnit::fullName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("12622", "Xã Tân Hòa"),
                        org.assertj.core.groups.Tuple.tuple("13216", "Xã Tân Hòa"));
        Map<Long, List<UnitChange>> next = hierarchy.successors(SYSTEM, tanHoa.stream().map(AdministrativeUnit::id).toList());
        Map<Long, AdministrativeUnit> successors = hierarchy.unitsById(SYSTEM,
                next.values().stream().flatMap(List::stream).map(UnitChange::toUnitId).toList());
        UnitChange hungHa = next.get(tanHoa.get(0).id()).get(0);
        assertThat(hungHa.effectiveDate()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(successors.get(hungHa.toUnitId()).fullName()).isEqualTo("Xã Ngự Thiên");
        assertThat(successors.get(hungHa.toUnitId()).code()).isEqualTo("12595");
        UnitChange vuThu = next.get(tanHoa.get(1).id()).get(0);
        assertThat(successors.get(vuThu.toUnitId()).fullName()).isEqualTo("Phường Thái Bình");
        // Before and after: the parent is the district in 2024, the merged province today.
        AdministrativeUnit nguThien = successors.get(hungHa.toUnitId());
        assertThat(hierarchy.parents(SYSTEM, List.of(new UnitAt(tanHoa.get(0).id(), JUNE_2024))).values())
                .extracting(AdministrativeUnit::fullName).containsExactly("Huyện Hưng Hà");
        assertThat(hierarchy.parents(SYSTEM, List.of(new UnitAt(nguThien.id(), TODAY))).values())
                .extracting(AdministrativeUnit::fullName).containsExactly("Tỉnh Hưng Yên");
    }

    @Test
    void code_12595_names_different_units_on_different_dates() {
        AdministrativeUnit before = hierarchy.unit(SYSTEM, "12595", JUNE_2024).orElseThrow();
        AdministrativeUnit after = hierarchy.unit(SYSTEM, "12595", TODAY).orElseThrow();
        assertThat(before.id()).isNotEqualTo(after.id());
        assertThat(before.validTo()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(after.fullName()).isEqualTo("Xã Ngự Thiên");
        assertThat(after.validFrom()).isEqualTo(LocalDate.of(2025, 7, 1));
    }

    @Test
    void search_forgives_case_diacritics_d_bar_tone_placement_and_decomposed_input_and_ranks_exact_first() {
        assertThat(search("tan hoa", UnitLevel.COMMUNE, "34", JUNE_2024)).extracting(AdministrativeUnit::code).containsExactly("12622", "13216");
        assertThat(search(java.text.Normalizer.normalize("TÂN HOÀ", java.text.Normalizer.Form.NFD), UnitLevel.COMMUNE, "34", JUNE_2024))
                .extracting(AdministrativeUnit::code).containsExactly("12622", "13216");
        assertThat(search("dong hung", UnitLevel.DISTRICT, null, JUNE_2024)).extracting(AdministrativeUnit::fullName).containsExactly("Huyện Đông Hưng");
        // "Thuỵ" (old tone placement) finds "Thụy …" first; "Thủy …" matches without diacritics, after them.
        List<String> thuy = search("Thuỵ", UnitLevel.COMMUNE, null, JUNE_2024).stream().map(AdministrativeUnit::name).toList();
        assertThat(thuy).isNotEmpty().allSatisfy(n -> assertThat(VietnameseText.folded(n)).contains("thuy"));
        assertThat(thuy.get(0)).startsWith("Thụy");
        int lastThuy = thuy.stream().filter(n -> n.startsWith("Thụy")).mapToInt(thuy::indexOf).max().orElseThrow();
        assertThat(thuy.subList(0, lastThuy + 1)).allSatisfy(n -> assertThat(n).startsWith("Thụy"));
        // "Hưng Hà": the district and the town named exactly so come before names that only start with it.
        List<AdministrativeUnit> hungHa = search("hưng hà", null, null, JUNE_2024);
        assertThat(hungHa.get(0).fullName()).isEqualTo("Huyện Hưng Hà");
        assertThat(hungHa.subList(0, 2)).extracting(AdministrativeUnit::name).containsOnly("Hưng Hà");
        // A prefix of a later word matches too.
        assertThat(search("thien", UnitLevel.COMMUNE, "33", TODAY)).extracting(AdministrativeUnit::fullName).contains("Xã Ngự Thiên");
    }

    @Test
    void search_by_code_and_by_code_prefix() {
        List<AdministrativeUnit> byCode = search("12622", null, null, JUNE_2024);
        assertThat(byCode.get(0).fullName()).isEqualTo("Xã Tân Hòa");
        assertThat(byCode.subList(1, byCode.size())).isNotEmpty()
                .allSatisfy(v -> assertThat(v.code()).startsWith("12622.")).allSatisfy(v -> assertThat(v.level()).isEqualTo(UnitLevel.VILLAGE));
        assertThat(search("1262", UnitLevel.COMMUNE, null, JUNE_2024)).isNotEmpty()
                .allSatisfy(u -> assertThat(u.code()).startsWith("1262"));
    }

    @Test
    void importing_the_same_files_again_changes_nothing() {
        long before = count(null, null, TODAY) + count(null, null, JUNE_2024);
        List<ImportResult> again = DemoData.importAdministrativeUnits(caunoi.hierarchyImporter(), SYSTEM, true);
        assertThat(again).allSatisfy(r -> assertThat(r.alreadyImported()).isTrue());
        assertThat(again).extracting(ImportResult::importId).containsExactlyElementsOf(imports.stream().map(ImportResult::importId).toList());
        assertThat(count(null, null, TODAY) + count(null, null, JUNE_2024)).isEqualTo(before);
    }

    @Test
    void the_official_list_of_a_date_confirms_the_hierarchy_built_from_changes() {
        ImportResult confirmed = caunoi.hierarchyImporter().importSnapshot(SYSTEM, "snapshot-2025-07-01.csv",
                ReferenceUnits.file("snapshot-2025-07-01.csv"), LocalDate.of(2025, 7, 1));
        assertThat(confirmed.unitsCreated() + confirmed.unitsEnded() + confirmed.unitsMoved()).isZero();
    }

    @Test
    void bad_queries_name_the_field_and_the_reason() {
        assertThat(catchThrowableOfType(vn.caunoi.core.common.InvalidInputException.class,
                () -> hierarchy.units(SYSTEM, new UnitQuery(null, null, null, TODAY, new PageRequest(0, -1)))))
                .satisfies(e -> assertThat(e.field()).isEqualTo("first"));
        assertThat(catchThrowableOfType(vn.caunoi.core.common.InvalidInputException.class,
                () -> hierarchy.units(SYSTEM, new UnitQuery(null, "34", null, TODAY, new PageRequest(0, 5)))))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("UNKNOWN_UNIT"));
        assertThat(catchThrowableOfType(vn.caunoi.core.common.InvalidInputException.class,
                () -> hierarchy.changes(SYSTEM, null, TODAY, JUNE_2024, new PageRequest(0, 10))))
                .satisfies(e -> assertThat(e.field()).isEqualTo("to"));
    }

    @Test
    void the_2025_reform_ends_every_district_into_the_merged_province() {
        vn.caunoi.core.common.Page<UnitChange> page = hierarchy.changes(SYSTEM, "34", LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 1),
                new PageRequest(0, PageRequest.MAX_LIMIT));
        List<UnitChange> july = page.items();
        assertThat(page.totalCount()).isEqualTo(july.size());
        assertThat(hierarchy.changes(SYSTEM, "34", LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 1), new PageRequest(5, 3)).items())
                .isEqualTo(july.subList(5, 8));
        List<UnitChange> abolished = july.stream().filter(c -> c.type() == ChangeType.ABOLISHED).toList();
        assertThat(abolished).hasSize(8);
        AdministrativeUnit hungYen = hierarchy.unit(SYSTEM, "33", TODAY).orElseThrow();
        assertThat(abolished).allSatisfy(c -> assertThat(c.toUnitId()).isEqualTo(hungYen.id()));
        assertThat(july).anySatisfy(c -> {
            assertThat(c.type()).isEqualTo(ChangeType.MERGED);
            assertThat(c.toUnitId()).isEqualTo(hungYen.id());
        });
    }
}
