package vn.caunoi.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import vn.caunoi.api.cli.Commands;
import vn.caunoi.api.database.StartupFailure;

/** The Cầu Nối server: GraphQL over core, with an embedded PostgreSQL when no database is configured. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CauNoiApplication {

    public static void main(String[] args) {
        Integer command = Commands.run(args, System.out, System.err);
        if (command != null) {
            System.exit(command);
        }
        try {
            SpringApplication.run(CauNoiApplication.class, args);
        } catch (RuntimeException failed) {
            // Boot has reported the failure (a StartupFailure as a few lines, with what to do); the
            // exit code tells a service manager which kind it was.
            System.exit(StartupFailure.exitCodeOf(failed));
        }
    }
}
