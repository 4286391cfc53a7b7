package vn.caunoi.core.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shape of core, as docs/architecture.md describes it, held by the build: packages by feature
 * without cycles, each feature's mapper and rows its own, the shared machinery knowing no feature,
 * and no MyBatis session in the library's public surface.
 */
class ArchitectureTest {

    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("vn.caunoi.core");

    static final List<String> FEATURES = List.of("hierarchy", "digital", "access", "team", "activity", "resident", "adoption",
            "indicator", "imports");

    @Test
    void core_was_imported() {
        assertThat(CORE.size()).as("classes of core found on the class path").isGreaterThan(100);
    }

    @Test
    void the_packages_of_core_have_no_cycle() {
        ArchRule rule = slices().matching("vn.caunoi.core.(*)..").should().beFreeOfCycles();
        rule.check(CORE);
    }

    @Test
    void nothing_in_core_depends_on_the_facade_that_assembles_it() {
        noClasses().that().resideOutsideOfPackage("vn.caunoi.core")
                .should().dependOnClassesThat().haveFullyQualifiedName("vn.caunoi.core.CauNoi")
                .check(CORE);
    }

    @Test
    void a_mapper_and_its_rows_are_reached_only_from_their_own_feature() {
        classes().that(mappersOrRows("vn.caunoi.core", FEATURES)).should(beReachedOnlyFromTheirOwnPackage()).check(CORE);
    }

    @Test
    void the_mapper_rule_fails_when_a_feature_reaches_into_another_features_mapper() {
        JavaClasses twoFeatures = new ClassFileImporter().importPackages("vn.caunoi.core.architecture.fixture");
        ArchRule rule = classes().that(mappersOrRows("vn.caunoi.core.architecture.fixture", List.of("one", "two")))
                .should(beReachedOnlyFromTheirOwnPackage());
        assertThatThrownBy(() -> rule.check(twoFeatures)).isInstanceOf(AssertionError.class).hasMessageContaining("ReachesIntoOne");
    }

    @Test
    void the_shared_machinery_knows_no_feature() {
        noClasses().that().resideInAnyPackage("vn.caunoi.core.store..", "vn.caunoi.core.common..", "vn.caunoi.core.text..",
                        "vn.caunoi.core.privacy..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().map(f -> "vn.caunoi.core." + f + "..")
                        .toArray(String[]::new))
                .check(CORE);
    }

    @Test
    void the_kernel_of_values_and_errors_depends_on_nothing_else_of_core() {
        noClasses().that().resideInAPackage("vn.caunoi.core.common..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.caunoi.core.store..", "vn.caunoi.core.context..",
                        "vn.caunoi.core.text..", "vn.caunoi.core.privacy..")
                .check(CORE);
    }

    @Test
    void no_public_signature_of_core_holds_a_mybatis_session() {
        classes().that().arePublic().should(haveNoPublicMemberWith(SqlSession.class)).check(CORE);
    }

    /** Mapper interfaces and row classes of the features (not the store's own idempotency mapper). */
    private static DescribedPredicate<JavaClass> mappersOrRows(String root, List<String> features) {
        return new DescribedPredicate<>("a feature's mapper or row type") {
            @Override
            public boolean test(JavaClass c) {
                JavaClass top = c;
                while (top.getEnclosingClass().isPresent()) {
                    top = top.getEnclosingClass().get();
                }
                String name = top.getSimpleName();
                boolean feature = features.stream().anyMatch(f -> c.getPackageName().equals(root + "." + f));
                return feature && (name.endsWith("Mapper") || name.endsWith("Rows") || name.endsWith("Row"));
            }
        };
    }

    private static ArchCondition<JavaClass> beReachedOnlyFromTheirOwnPackage() {
        return new ArchCondition<>("be reached only from their own feature's package") {
            @Override
            public void check(JavaClass mapper, ConditionEvents events) {
                for (Dependency d : mapper.getDirectDependenciesToSelf()) {
                    if (!d.getOriginClass().getPackageName().equals(mapper.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> haveNoPublicMemberWith(Class<?> type) {
        return new ArchCondition<>("have no public method or constructor whose signature holds " + type.getSimpleName()) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaCodeUnit unit : c.getCodeUnits()) {
                    if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                        continue;
                    }
                    boolean holds = unit.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(type))
                            || unit.getRawReturnType().isEquivalentTo(type)
                            || unit.getParameterTypes().stream().anyMatch(t -> t.toErasure().isEquivalentTo(type)
                            || t.getName().contains(type.getName()));
                    if (holds) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " holds " + type.getName()));
                    }
                }
            }
        };
    }
}
