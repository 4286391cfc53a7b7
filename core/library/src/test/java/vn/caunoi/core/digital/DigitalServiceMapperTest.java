package vn.caunoi.core.digital;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.store.Database;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.testkit.TestDatabases;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The SQL of the catalogue of digital services: upserts of services, stages replaced, reads in a stable order. */
class DigitalServiceMapperTest {

    static Database db;

    @BeforeAll
    static void anEmptyCatalogue() {
        db = new Database(TestDatabases.freshDatabase());
        db.register(DigitalServiceMapper.class);
    }

    static void rolledBack(Consumer<DigitalServiceMapper> test) {
        Fixtures.rolledBack(db, tx -> test.accept(tx.mapper(DigitalServiceMapper.class)));
    }

    static ServiceRow service(String code, String name, String pluginVersion) {
        ServiceRow row = new ServiceRow();
        row.code = code;
        row.nameVi = name;
        row.nameEn = name + " (en)";
        row.descriptionVi = "Mô tả " + name;
        row.descriptionEn = "About " + name;
        row.subject = Eligibility.Subject.PERSON;
        row.minimumAge = 14;
        row.adoptedStage = "USED";
        row.pluginId = code + "-plugin";
        row.pluginVersion = pluginVersion;
        return row;
    }

    static StageRow stage(String service, int position, String code) {
        StageRow row = new StageRow();
        row.serviceCode = service;
        row.position = position;
        row.code = code;
        row.nameVi = code.toLowerCase();
        row.nameEn = code.toLowerCase() + " (en)";
        return row;
    }

    @Test
    void upsert_service_adds_a_new_code_and_rewrites_every_field_of_a_known_one_nulls_included() {
        rolledBack(m -> {
            // given two services, VNeID first loaded with an age limit and notes
            ServiceRow first = service("vneid", "Định danh điện tử", "1.0.0");
            first.maximumAge = 80;
            first.eligibilityNoteVi = "Công dân từ 14 tuổi";
            first.eligibilityNoteEn = "Citizens from 14";
            m.upsertService(first);
            m.upsertService(service("vssid", "Bảo hiểm xã hội số", "2.0.0"));

            // when a new version of its plugin loads it again, without the limit and the notes
            ServiceRow again = service("vneid", "Ứng dụng định danh", "1.1.0");
            again.subject = Eligibility.Subject.HOUSEHOLD;
            again.minimumAge = 18;
            again.adoptedStage = "LEVEL_2_ACTIVATED";
            again.pluginId = "vneid-plugin-next";
            int written = m.upsertService(again);

            // then
            assertThat(written).isEqualTo(1);
            List<ServiceRow> all = m.allServices();
            assertThat(all).extracting(r -> r.code).containsExactly("vneid", "vssid");
            assertThat(all.get(0)).satisfies(r -> {
                assertThat(r.nameVi).isEqualTo("Ứng dụng định danh");
                assertThat(r.nameEn).isEqualTo("Ứng dụng định danh (en)");
                assertThat(r.descriptionVi).isEqualTo("Mô tả Ứng dụng định danh");
                assertThat(r.subject).isEqualTo(Eligibility.Subject.HOUSEHOLD);
                assertThat(r.minimumAge).isEqualTo(18);
                assertThat(r.maximumAge).isNull();
                assertThat(r.eligibilityNoteVi).isNull();
                assertThat(r.eligibilityNoteEn).isNull();
                assertThat(r.adoptedStage).isEqualTo("LEVEL_2_ACTIVATED");
                assertThat(r.pluginId).isEqualTo("vneid-plugin-next");
                assertThat(r.pluginVersion).isEqualTo("1.1.0");
            });
            assertThat(all.get(1).pluginVersion).isEqualTo("2.0.0");
        });
    }

    @Test
    void stages_are_replaced_by_a_delete_and_an_insert_and_read_by_service_then_position() {
        rolledBack(m -> {
            // given VNeID with three stages and e-payment with two
            m.upsertService(service("vneid", "Định danh điện tử", "1.0.0"));
            m.upsertService(service("epayment", "Thanh toán điện tử", "1.0.0"));
            m.insertStages(List.of(stage("vneid", 1, "LEVEL_1_ACTIVATED"), stage("vneid", 2, "LEVEL_2_ACTIVATED"),
                    stage("vneid", 3, "DOCUMENTS_INTEGRATED")));
            m.insertStages(List.of(stage("epayment", 2, "FIRST_PAYMENT"), stage("epayment", 1, "ACCOUNT_OPENED")));

            // when the plugin drops VNeID's last stage and puts the second first
            int deleted = m.deleteStages("vneid");
            m.insertStages(List.of(stage("vneid", 1, "LEVEL_2_ACTIVATED"), stage("vneid", 2, "LEVEL_1_ACTIVATED")));

            // then
            assertThat(deleted).isEqualTo(3);
            assertThat(m.allStages()).extracting(s -> s.serviceCode, s -> s.position, s -> s.code, s -> s.descriptionVi).containsExactly(
                    tuple("epayment", 1, "ACCOUNT_OPENED", null),
                    tuple("epayment", 2, "FIRST_PAYMENT", null),
                    tuple("vneid", 1, "LEVEL_2_ACTIVATED", null),
                    tuple("vneid", 2, "LEVEL_1_ACTIVATED", null));
        });
    }
}
