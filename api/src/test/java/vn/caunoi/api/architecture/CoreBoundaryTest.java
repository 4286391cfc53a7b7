package vn.caunoi.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.common.Internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server and the demo use core as any embedding application does: through its services,
 * records and options, never its internals (the store, the shared context, what is marked
 * {@link Internal}).
 */
class CoreBoundaryTest {

    static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.caunoi.api", "vn.caunoi.demo", "vn.caunoi.core");

    static final ArchRule NO_INTERNALS = noClasses().that().resideInAnyPackage("vn.caunoi.api..", "vn.caunoi.demo..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.caunoi.core.store..", "vn.caunoi.core.context..")
            .orShould().dependOnClassesThat().areAnnotatedWith(Internal.class);

    @Test
    void the_server_and_the_demo_were_imported() {
        assertThat(SERVER.stream().filter(c -> c.getPackageName().startsWith("vn.caunoi.api"))).hasSizeGreaterThan(50);
        assertThat(SERVER.stream().filter(c -> c.getPackageName().startsWith("vn.caunoi.demo"))).isNotEmpty();
    }

    @Test
    void the_server_and_the_demo_use_no_internal_of_core() {
        NO_INTERNALS.check(SERVER);
    }

    @Test
    void the_rule_fails_for_server_code_that_reaches_an_internal() {
        JavaClasses withFixture = new ClassFileImporter().importPackages("vn.caunoi.api.architecture.fixture", "vn.caunoi.core.resident");
        assertThatThrownBy(() -> NO_INTERNALS.check(withFixture)).isInstanceOf(AssertionError.class).hasMessageContaining("UsesAnInternal");
    }
}
