package vn.caunoi.api.cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import vn.caunoi.api.CauNoiApplication;
import vn.caunoi.core.common.Actor;

import java.util.ArrayList;
import java.util.List;

/** What the command-line entries share: the server's configuration and database, without the web server or demo data. */
final class CliContext {

    private CliContext() {
    }

    static ConfigurableApplicationContext start(List<String> springArgs) {
        List<String> args = new ArrayList<>(springArgs);
        args.add("--caunoi.demo-data=false");
        args.add("--caunoi.resume-imports=false");
        SpringApplication app = new SpringApplication(CauNoiApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run(args.toArray(String[]::new));
    }

    /** The person at the terminal, as the audit log and the import jobs name them. */
    static Actor actor() {
        // The operator at the server's terminal is the system itself (she could read the database anyway),
        // named in the audit log and the import jobs.
        return Actor.operator("cli:" + System.getProperty("user.name", "unknown"));
    }

    /** A server option ({@code --name=value}) passed through, or a usage error. */
    static String springArg(String arg) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
            throw new IllegalArgumentException("unknown argument " + arg);
        }
        return arg;
    }
}
