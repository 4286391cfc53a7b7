package vn.caunoi.plugins.testing;

import org.pf4j.Extension;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.SchemaContribution;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

import java.util.Map;
import java.util.Optional;

/** For tests: a service whose GraphQL fragment extends a type that does not exist. */
@Extension
public class BadSchemaService implements DigitalService {

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceDescriptor.builder("bad-schema")
                .name("Lược đồ hỏng", "Bad schema")
                .description("Dịch vụ thử", "Test service")
                .stage(Stage.of("STARTED", "Bắt đầu", "Started"))
                .eligibility(Eligibility.personsFrom(0, null))
                .build();
    }

    @Override
    public Optional<SchemaContribution> schema() {
        return Optional.of(new SchemaContribution("graphql/bad-schema.graphqls", Map.of()));
    }
}
