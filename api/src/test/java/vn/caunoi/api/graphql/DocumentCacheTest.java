package vn.caunoi.api.graphql;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentCacheTest {

    private final DocumentCache cache = new DocumentCache(2);
    private final AtomicInteger parsed = new AtomicInteger();
    private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                    new SchemaParser().parse("type Query { hello: String }"),
                    RuntimeWiring.newRuntimeWiring().type("Query", t -> t.dataFetcher("hello", env -> "xin chào")).build()))
            .preparsedDocumentProvider((input, parseAndValidate) -> cache.getDocumentAsync(input, in -> {
                parsed.incrementAndGet();
                return parseAndValidate.apply(in);
            }))
            .build();

    private Object run(String query) {
        var result = graphQl.execute(ExecutionInput.newExecutionInput(query).build());
        return result.getErrors().isEmpty() ? result.getData() : result.getErrors().get(0).getErrorType().toString();
    }

    @Test
    void a_document_is_parsed_and_validated_once_and_answers_the_same() {
        Object first = run("{ hello }");
        Object second = run("{ hello }");
        assertThat(second).isEqualTo(first).hasToString("{hello=xin chào}");
        assertThat(parsed).hasValue(1);
    }

    @Test
    void an_invalid_document_is_checked_every_time_and_never_kept() {
        assertThat(run("{ goodbye }")).isEqualTo("ValidationError");
        assertThat(run("{ goodbye }")).isEqualTo("ValidationError");
        assertThat(parsed).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_full_cache_starts_again_so_that_new_documents_cannot_grow_it_without_bound() {
        run("{ hello }");
        run("{ a: hello }");
        run("{ b: hello }");
        assertThat(cache.size()).isLessThanOrEqualTo(2);
        assertThat(run("{ b: hello }")).hasToString("{b=xin chào}");
    }
}
