package vn.caunoi.plugins.testing;

import org.pf4j.Extension;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

/** For tests: the service of a plugin that fails to start; it must never be registered. */
@Extension
public class NeverRegisteredService implements DigitalService {

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceDescriptor.builder("never-registered")
                .name("Không bao giờ", "Never")
                .description("Dịch vụ thử", "Test service")
                .stage(Stage.of("STARTED", "Bắt đầu", "Started"))
                .eligibility(Eligibility.personsFrom(0, null))
                .build();
    }
}
