package vn.caunoi.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Cầu Nối server: GraphQL over core, with an embedded PostgreSQL when no database is configured. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CauNoiApplication {

    public static void main(String[] args) {
        SpringApplication.run(CauNoiApplication.class, args);
    }
}
