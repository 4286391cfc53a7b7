package vn.caunoi.api.graphql;

import graphql.Scalars;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The default fetcher reads a property as graphql-java does, a view's own accessor before its record's. */
class ViewFieldsTest {

    public record Member(String fullName, String phone) {
    }

    /** Shows a member, answering {@code phone} itself (masked) and the rest from the member. */
    public record MemberView(Member member) implements DomainView {
        @Override
        public Object domain() {
            return member;
        }

        public String phone() {
            return "***";
        }
    }

    public static class Bean {
        public String getFullName() {
            return "from a getter";
        }

        public boolean isLeader() {
            return true;
        }
    }

    static class Hidden {
        public String getFullName() {
            return "from a class that is not public";
        }
    }

    private static Object read(String field, Object source) throws Exception {
        GraphQLFieldDefinition definition = GraphQLFieldDefinition.newFieldDefinition().name(field).type(Scalars.GraphQLString).build();
        @SuppressWarnings("unchecked")
        LightDataFetcher<Object> fetcher = (LightDataFetcher<Object>) new ViewFields().get(definition);
        // twice: the second call takes what the first worked out for the class
        fetcher.get(definition, source, () -> null);
        return fetcher.get(definition, source, () -> null);
    }

    @Test
    void records_getters_maps_and_classes_that_are_not_public_are_read_as_graphql_java_reads_them() throws Exception {
        Member lan = new Member("Nguyễn Thị Lan", "0912345678");
        assertThat(read("fullName", lan)).isEqualTo("Nguyễn Thị Lan");
        assertThat(read("fullName", new Bean())).isEqualTo("from a getter");
        assertThat(read("leader", new Bean())).isEqualTo(true);
        assertThat(read("fullName", Map.of("fullName", "from a map"))).isEqualTo("from a map");
        assertThat(read("fullName", new Hidden())).isEqualTo("from a class that is not public");
        assertThat(read("fullName", null)).isNull();
        assertThat(read("nothing", lan)).isNull();
    }

    @Test
    void the_factory_hands_out_one_fetcher_per_field_name_since_graphql_java_asks_for_it_at_every_field_it_runs() {
        ViewFields factory = new ViewFields();
        GraphQLFieldDefinition fullName = GraphQLFieldDefinition.newFieldDefinition().name("fullName").type(Scalars.GraphQLString).build();
        GraphQLFieldDefinition phone = GraphQLFieldDefinition.newFieldDefinition().name("phone").type(Scalars.GraphQLString).build();
        assertThat(factory.get(fullName)).isSameAs(factory.get(fullName)).isNotSameAs(factory.get(phone));
    }

    @Test
    void a_view_answers_the_fields_it_declares_and_its_record_the_others() throws Exception {
        MemberView view = new MemberView(new Member("Nguyễn Thị Lan", "0912345678"));
        assertThat(read("phone", view)).isEqualTo("***");
        assertThat(read("fullName", view)).isEqualTo("Nguyễn Thị Lan");
        assertThat(read("member", view)).isEqualTo(view.member());
    }
}
