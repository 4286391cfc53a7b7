package vn.caunoi.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.demo.DemoData;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.ZoneId;

/** core as Spring beans: the library migrates its schema when it is built, then demo data is loaded once. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CoreConfiguration.class);

    @Bean
    Clock clock(CauNoiProperties properties) {
        return Clock.system(ZoneId.of(properties.timeZone()));
    }

    @Bean
    CauNoi caunoi(DataSource dataSource, CauNoiProperties properties) {
        CauNoi caunoi = CauNoi.create(dataSource);
        if (properties.demoData() && caunoi.hierarchy().isEmpty()) {
            long start = System.nanoTime();
            DemoData.importAdministrativeUnits(caunoi.hierarchyImporter(), Actor.system(), true);
            log.info("demo data loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
        return caunoi;
    }
}
