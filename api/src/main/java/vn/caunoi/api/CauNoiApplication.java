package vn.caunoi.api;

import org.springframework.boot.SpringApplication;
import vn.caunoi.api.cli.CheckCountsCommand;
import vn.caunoi.api.cli.ImportCommand;
import vn.caunoi.api.cli.ImportUnitsCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Arrays;

/** The Cầu Nối server: GraphQL over core, with an embedded PostgreSQL when no database is configured. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CauNoiApplication {

    public static void main(String[] args) {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case ImportUnitsCommand.NAME -> System.exit(ImportUnitsCommand.run(rest, System.out, System.err));
                case ImportCommand.NAME -> System.exit(ImportCommand.run(rest, System.out, System.err));
                case CheckCountsCommand.NAME -> System.exit(CheckCountsCommand.run(rest, System.out, System.err));
                default -> {
                    // server options
                }
            }
        }
        SpringApplication.run(CauNoiApplication.class, args);
    }
}
