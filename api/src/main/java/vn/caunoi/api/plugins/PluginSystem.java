package vn.caunoi.api.plugins;

import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.digital.ServiceRejectedException;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.SchemaContribution;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.SpiVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The PF4J plugin manager of the server, and what became of every plugin it found.
 *
 * <p>Plugins are loaded one file at a time, so that a corrupt jar, a plugin needing another SPI
 * version, one that throws on start, one whose service code is taken or whose GraphQL fragment does
 * not fit, is reported with its reason while the others work. All of this happens before the GraphQL
 * schema is built: the schema then includes the fragments of the plugins that started.
 */
public final class PluginSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginSystem.class);

    private final Path directory;
    private final Manager manager;
    private final Map<String, PluginReport> reports = new LinkedHashMap<>();
    private final List<SchemaCheck.Fragment> fragments = new ArrayList<>();

    public PluginSystem(Path directory, DigitalServices services) {
        this.directory = directory.toAbsolutePath().normalize();
        this.manager = new Manager(this.directory);
        manager.setSystemVersion(SpiVersion.CURRENT);
        if (!Files.isDirectory(this.directory)) {
            log.info("no plugins directory at {}: no digital-service plugins loaded", this.directory);
            return;
        }
        load();
        SchemaCheck schema = new SchemaCheck();
        manager.getPlugins().stream().sorted(Comparator.comparing(PluginWrapper::getPluginId)).forEach(w -> settle(w, services, schema));
        reports.values().forEach(r -> {
            if (r.state() == PluginReport.State.STARTED) {
                log.info("plugin {} {} started: services {}", r.id(), r.version(), r.services());
            } else {
                log.warn("plugin {} ({}) is {}: {}", r.id(), r.file(), r.state(), r.reason());
            }
        });
    }

    private void load() {
        for (Path path : manager.pluginPaths()) {
            try {
                manager.loadPlugin(path);
            } catch (RuntimeException e) {
                String file = path.getFileName().toString();
                reports.put(file, new PluginReport(file, null, PluginReport.State.FAILED,
                        "cannot be loaded: " + reason(e), null, null, null, file, List.of()));
            }
        }
        manager.startPlugins();
    }

    private void settle(PluginWrapper w, DigitalServices services, SchemaCheck schema) {
        PluginReport report = report(w, null);
        switch (w.getPluginState()) {
            case DISABLED -> report = new PluginReport(w.getPluginId(), report.version(), PluginReport.State.DISABLED,
                    manager.disabledByFile(w.getPluginId())
                            ? "disabled in the plugins directory (disabled.txt or enabled.txt)"
                            : "needs SPI " + w.getDescriptor().getRequires() + "; this server provides SPI " + SpiVersion.CURRENT,
                    report.requires(), report.provider(), report.description(), report.file(), List.of());
            case FAILED -> report = report.failed("failed to start: " + reason(w.getFailedException()));
            case STARTED -> report = register(w, services, schema);
            default -> report = new PluginReport(w.getPluginId(), report.version(), PluginReport.State.valueOf(w.getPluginState().name()),
                    "not started", report.requires(), report.provider(), report.description(), report.file(), List.of());
        }
        reports.put(w.getPluginId(), report);
    }

    /** Registers the services of a started plugin, all or none; a plugin refused here is stopped. */
    private PluginReport register(PluginWrapper w, DigitalServices services, SchemaCheck schema) {
        String id = w.getPluginId();
        try {
            List<DigitalService> extensions = manager.getExtensions(DigitalService.class, id);
            if (extensions.isEmpty()) {
                // PF4J only logs extensions it cannot load (e.g. built against an SPI class this server lacks).
                throw new IllegalArgumentException("provides no digital service: no @Extension implementing DigitalService "
                        + "could be loaded (see the log; was it built against another SPI?)");
            }
            services.check(id, extensions);
            List<SchemaCheck.Fragment> own = new ArrayList<>();
            for (DigitalService service : extensions) {
                Optional<SchemaContribution> contribution = service.schema();
                if (contribution.isPresent()) {
                    own.add(fragment(w, contribution.get()));
                }
            }
            if (!own.isEmpty()) {
                List<SchemaCheck.Fragment> all = new ArrayList<>(fragments);
                all.addAll(own);
                schema.check(all);
            }
            List<ServiceDescriptor> registered = services.register(Actor.system(), id, w.getDescriptor().getVersion(), extensions);
            fragments.addAll(own);
            return report(w, registered.stream().map(ServiceDescriptor::code).toList());
        } catch (ServiceRejectedException | IllegalArgumentException e) {
            stopQuietly(id);
            return report(w, null).failed(e.getMessage());
        } catch (RuntimeException e) {
            log.error("plugin {} failed while being registered", id, e);
            stopQuietly(id);
            // The exception may carry SQL or data: the reason stays generic, the log has the detail.
            return report(w, null).failed("failed while being registered (" + e.getClass().getSimpleName() + "; see the server log)");
        }
    }

    private static SchemaCheck.Fragment fragment(PluginWrapper w, SchemaContribution contribution) {
        try (InputStream in = w.getPluginClassLoader().getResourceAsStream(contribution.resource())) {
            if (in == null) {
                throw new IllegalArgumentException("schema resource " + contribution.resource() + " is not in plugin " + w.getPluginId());
            }
            return new SchemaCheck.Fragment(w.getPluginId(), contribution.resource(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), contribution.resolvers());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read schema resource " + contribution.resource() + " of plugin " + w.getPluginId());
        }
    }

    private void stopQuietly(String id) {
        try {
            manager.stopPlugin(id);
        } catch (RuntimeException e) {
            log.warn("plugin {} could not be stopped cleanly", id, e);
        }
    }

    private PluginReport report(PluginWrapper w, List<String> services) {
        var d = w.getDescriptor();
        return new PluginReport(w.getPluginId(), d.getVersion(), PluginReport.State.valueOf(w.getPluginState().name()), null,
                d.getRequires(), d.getProvider(), d.getPluginDescription(), w.getPluginPath().getFileName().toString(),
                services == null ? List.of() : services);
    }

    private static String reason(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }

    /** PF4J's manager, opened up for loading one file at a time. */
    private static final class Manager extends DefaultPluginManager {
        Manager(Path directory) {
            super(directory);
        }

        List<Path> pluginPaths() {
            return pluginRepository.getPluginPaths();
        }

        boolean disabledByFile(String pluginId) {
            return isPluginDisabled(pluginId);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Every plugin found, by id (or file name when it could not be read), in load order. */
    public List<PluginReport> reports() {
        return List.copyOf(reports.values());
    }

    public Optional<PluginReport> report(String pluginId) {
        return Optional.ofNullable(pluginId == null ? null : reports.get(pluginId));
    }

    /** The root fields ("Query.name", "Mutation.name") the loaded plugins add to the schema. */
    public Set<String> rootFields() {
        Set<String> fields = new TreeSet<>();
        fragments().forEach(f -> f.resolvers().forEach((type, byField) -> {
            if (type.equals("Query") || type.equals("Mutation")) {
                byField.keySet().forEach(name -> fields.add(type + "." + name));
            }
        }));
        return fields;
    }

    /** The schema fragments of the started plugins, checked against the base schema. */
    List<SchemaCheck.Fragment> fragments() {
        return List.copyOf(fragments);
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
