package vn.caunoi.core.digital;

import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.Actor;
import vn.caunoi.spi.AttributeProblem;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.Stage;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of services and its catalogue, as an embedding application without PF4J uses them. */
class DigitalServicesTest {

    static final Actor SYSTEM = Actor.system();

    @Test
    void registers_all_or_none_refuses_duplicates_and_bad_descriptors_and_keeps_the_catalogue() {
        DataSource db = TestDatabases.freshDatabase();
        DigitalServices services = CauNoi.create(db).digitalServices();
        services.register(SYSTEM, "app-a", "1.0.0", List.of(Fixtures.service("zalo-pay"), Fixtures.service("momo")));

        assertThatThrownBy(() -> services.register(SYSTEM, "app-b", "2.0.0", List.of(Fixtures.service("vnpay"), Fixtures.service("momo"))))
                .isInstanceOf(ServiceRejectedException.class).hasMessageContaining("'momo', which plugin app-a already provides");
        assertThat(services.loaded("vnpay")).as("none of a refused plugin's services").isEmpty();
        DigitalService broken = () -> {
            throw new IllegalStateException("no network");
        };
        assertThatThrownBy(() -> services.register(SYSTEM, "app-c", "1.0.0", List.of(broken)))
                .isInstanceOf(ServiceRejectedException.class).hasMessageContaining("no valid descriptor: no network");

        assertThat(services.validate(SYSTEM, "momo", "USED", Map.of("code", "12"))).extracting(AttributeProblem::code).containsExactly("NOT_4_DIGITS");
        assertThat(services.validate(SYSTEM, "momo", "USED", Map.of("code", "1234"))).isEmpty();
        assertThat(services.validate(SYSTEM, "momo", "PAID", Map.of())).extracting(AttributeProblem::code).containsExactly("UNKNOWN_STAGE");
        assertThat(services.validate(SYSTEM, "vnpay", "USED", Map.of())).extracting(AttributeProblem::code).containsExactly("UNKNOWN_SERVICE");

        // A new process on the same database, without the plugin: the services stay listed, unavailable.
        DigitalServices later = CauNoi.create(db).digitalServices();
        assertThat(later.catalogue(SYSTEM)).extracting(CatalogueEntry::code, CatalogueEntry::available, CatalogueEntry::pluginId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("momo", false, "app-a"), org.assertj.core.groups.Tuple.tuple("zalo-pay", false, "app-a"));
        assertThat(later.find(SYSTEM, "momo").orElseThrow().descriptor().stages()).extracting(Stage::code).containsExactly("INSTALLED", "USED");
        assertThat(later.find(SYSTEM, "momo").orElseThrow().descriptor().adoptedStage()).isEqualTo("USED");
        assertThat(later.validate(SYSTEM, "momo", "USED", Map.of())).extracting(AttributeProblem::code).containsExactly("SERVICE_UNAVAILABLE");
    }
}
