package vn.caunoi.api;

import org.springframework.boot.SpringApplication;
import vn.caunoi.api.cli.ImportUnitsCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Arrays;

/** The Cầu Nối server: GraphQL over core, with an embedded PostgreSQL when no database is configured. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CauNoiApplication {

    public static void main(String[] args) {
        if (args.length > 0 && ImportUnitsCommand.NAME.equals(args[0])) {
            System.exit(ImportUnitsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(CauNoiApplication.class, args);
    }
}
