package vn.caunoi.core.store;

import org.apache.ibatis.reflection.ReflectionException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows of package-private classes are made through a constructor opened once; anything else as MyBatis makes it. */
class RowFactoryTest {

    private static final class HiddenRow {
        String name;

        private HiddenRow() {
        }
    }

    private static final class NoEmptyConstructor {
        NoEmptyConstructor(String name) {
        }
    }

    private final RowFactory factory = new RowFactory();

    @Test
    void a_package_private_row_class_is_made_again_and_again_through_its_private_constructor() {
        HiddenRow first = factory.create(HiddenRow.class);
        HiddenRow second = factory.create(HiddenRow.class);
        assertThat(first).isNotNull().isNotSameAs(second);
    }

    @Test
    void interfaces_and_classes_without_an_empty_constructor_are_left_to_mybatis() {
        assertThat(factory.create(List.class)).isInstanceOf(ArrayList.class);
        assertThat(factory.create(Map.class)).isInstanceOf(java.util.HashMap.class);
        assertThatThrownBy(() -> factory.create(NoEmptyConstructor.class)).isInstanceOf(ReflectionException.class)
                .hasMessageContaining("NoEmptyConstructor");
    }
}
