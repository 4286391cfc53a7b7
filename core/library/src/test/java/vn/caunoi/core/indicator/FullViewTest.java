package vn.caunoi.core.indicator;

import vn.caunoi.core.adoption.Adoption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.RateQuery;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.Residents;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.testkit.TestDatabases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees a unit's figures in full when a village moved between communes: on 2025-01-01 Tổ dân
 * phố 1 of Phường Bình (10002.01) becomes Thôn Mới (10001.03) of Xã An. Its 2024 facts then count
 * under Xã An on the new map, but in 2024 they were Phường Bình's, not Xã An's officer's.
 */
class FullViewTest {

    static final LocalDate MAP = LocalDate.of(2025, 6, 1);
    static CauNoi caunoi;

    @BeforeAll
    static void province() {
        caunoi = CauNoi.create(TestDatabases.freshDatabase(), PersonalDataProtector.newKey());
        caunoi.hierarchyImporter().importSnapshot(Fixtures.SYSTEM, "list.csv", TinyProvince.bytes("""
                province_code,province_name,district_code,district_name,district_kind,commune_code,commune_name,commune_kind,village_code,village_name,village_kind
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.01,Thôn Đông,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10002,Phường Bình,Phường,10002.01,Tổ dân phố 1,Tổ dân phố
                """), LocalDate.of(2024, 1, 1));
        caunoi.hierarchyImporter().importChanges(Fixtures.SYSTEM, "changes.csv", TinyProvince.bytes("""
                effective_date,level,new_code,new_name,old_code,old_name,share,legal_basis,new_parent_code
                2025-01-01,VILLAGE,10001.03,Thôn Mới,10002.01,Tổ dân phố 1,full,test,10001
                """));
        caunoi.digitalServices().register(Fixtures.SYSTEM, "test", "1.0.0", List.of(
                TinyProvince.service("id", Eligibility.personsFrom(14, null), "LEVEL_2", "LEVEL_1", "LEVEL_2")));
        record(1, "10001.01", "2024-05-01");
        record(2, "10002.01", "2024-06-01");
        record(3, "10001.01", "2025-03-01");
    }

    static void record(int resident, String village, String day) {
        caunoi.adoption().recordAdoption(Fixtures.SYSTEM, new Adoption.NewAdoption("full-view-" + resident + "-0000",
                vn.caunoi.core.Fixtures.citizenId(resident, 1980, false), 1980, null, null, village, "id", "LEVEL_2", null,
                LocalDate.parse(day), null, null, null, Map.of(), null, false));
    }

    static AdoptionRate rate(Actor actor, String period) {
        return caunoi.rates().adoptionRates(actor, new RateQuery("10001", UnitLevel.COMMUNE, "id", null,
                Period.parse(period, MAP), MAP)).get(0);
    }

    @Test
    void the_facts_of_a_village_that_was_another_commune_s_are_not_shown_in_full() {
        long an = caunoi.hierarchy().requireUnit(Fixtures.SYSTEM, "unit", "10001", MAP).id();
        Actor officer = Actor.user("officer-an", Role.COMMUNE_OFFICER, false, Set.of(an), null);
        assertThat(rate(Fixtures.SYSTEM, "2024").adopters()).as("the village's 2024 record counts under Xã An on this map").isEqualTo(2);
        AdoptionRate of2024 = rate(officer, "2024");
        assertThat(of2024.suppressed()).as("in 2024 Tổ dân phố 1 was Phường Bình's").isTrue();
        assertThat(of2024.adopters()).isNull();
        AdoptionRate upTo = rate(officer, "2025-05");
        assertThat(upTo.suppressed()).as("the stock of May 2025: every village hers then").isFalse();
        assertThat(upTo.adopters()).isEqualTo(3);
    }
}
