package vn.caunoi.core.digital;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.store.Database;



import vn.caunoi.spi.AttributeProblem;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The registry of loaded digital services and the catalogue of every service ever loaded.
 *
 * <p>Where services come from is not core's business: the server feeds it from PF4J plugins, an
 * embedding application may register its own {@link DigitalService} implementations. A service's
 * descriptor is recorded in the database when it is registered, so it stays listed (as unavailable)
 * when its plugin is gone.
 */
public final class DigitalServices {

    private static final Logger log = LoggerFactory.getLogger(DigitalServices.class);

    /** A service loaded now, with the plugin that provides it. */
    public record Loaded(DigitalService service, ServiceDescriptor descriptor, String pluginId, String pluginVersion) {
    }

    private final Database db;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    public DigitalServices(Database db) {
        this.db = Objects.requireNonNull(db);
        db.register(DigitalServiceMapper.class);
    }

    /**
     * Checks the services of one plugin without registering them: each descriptor must be valid and
     * its code not provided by another plugin. Returns their descriptors.
     */
    public synchronized List<ServiceDescriptor> check(String pluginId, Collection<? extends DigitalService> services) {
        return List.copyOf(checked(pluginId, null, services).values().stream().map(Loaded::descriptor).toList());
    }

    private Map<String, Loaded> checked(String pluginId, String pluginVersion, Collection<? extends DigitalService> services) {
        Map<String, Loaded> batch = new LinkedHashMap<>();
        for (DigitalService service : services) {
            ServiceDescriptor descriptor;
            try {
                descriptor = Objects.requireNonNull(service.descriptor(), "descriptor() returned null");
            } catch (RuntimeException e) {
                throw new ServiceRejectedException("plugin " + pluginId + ": " + service.getClass().getName()
                        + " has no valid descriptor: " + e.getMessage());
            }
            Loaded other = loaded.get(descriptor.code());
            if (other != null) {
                throw new ServiceRejectedException("plugin " + pluginId + " provides service '" + descriptor.code()
                        + "', which plugin " + other.pluginId() + " already provides");
            }
            if (batch.containsKey(descriptor.code())) {
                throw new ServiceRejectedException("plugin " + pluginId + " provides service '" + descriptor.code() + "' twice");
            }
            batch.put(descriptor.code(), new Loaded(service, descriptor, pluginId, pluginVersion));
        }
        return batch;
    }

    /**
     * Registers every service of one plugin, or none (see {@link #check}), and records their
     * descriptors in the catalogue.
     */
    public synchronized List<ServiceDescriptor> register(Actor actor, String pluginId, String pluginVersion,
                                                         Collection<? extends DigitalService> services) {
        vn.caunoi.core.access.Access.requireSystem(actor, "register digital services");
        Map<String, Loaded> batch = checked(pluginId, pluginVersion, services);
        db.inTransaction(s -> {
            DigitalServiceMapper m = s.mapper(DigitalServiceMapper.class);
            for (Loaded l : batch.values()) {
                m.upsertService(row(l));
                m.deleteStages(l.descriptor().code());
                m.insertStages(stageRows(l.descriptor()));
            }
            return null;
        });
        loaded.putAll(batch);
        batch.values().forEach(l -> log.info("digital service '{}' registered from plugin {} {} by {}",
                l.descriptor().code(), pluginId, pluginVersion, actor.id()));
        return batch.values().stream().map(Loaded::descriptor).toList();
    }

    /** Forgets the services of a plugin that is stopped or removed; the catalogue keeps them. */
    public synchronized void unregister(Actor actor, String pluginId) {
        vn.caunoi.core.access.Access.requireSystem(actor, "unregister digital services");
        loaded.values().removeIf(l -> l.pluginId().equals(pluginId));
    }

    public Optional<Loaded> loaded(String code) {
        return Optional.ofNullable(code == null ? null : loaded.get(code));
    }

    /** Every service ever registered, loaded or not, by code. */
    public List<CatalogueEntry> catalogue(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        List<ServiceRow> rows = db.read(s -> s.mapper(DigitalServiceMapper.class).allServices());
        List<StageRow> stages = db.read(s -> s.mapper(DigitalServiceMapper.class).allStages());
        Map<String, List<StageRow>> byService = stages.stream().collect(Collectors.groupingBy(r -> r.serviceCode));
        List<CatalogueEntry> entries = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (ServiceRow row : rows) {
            Loaded l = loaded.get(row.code);
            listed.add(row.code);
            entries.add(l != null
                    ? new CatalogueEntry(l.descriptor(), l.pluginId(), l.pluginVersion(), true)
                    : new CatalogueEntry(descriptor(row, byService.getOrDefault(row.code, List.of())), row.pluginId, row.pluginVersion, false));
        }
        loaded.values().stream().filter(l -> !listed.contains(l.descriptor().code()))
                .forEach(l -> entries.add(new CatalogueEntry(l.descriptor(), l.pluginId(), l.pluginVersion(), true)));
        return entries;
    }

    public Optional<CatalogueEntry> find(Actor actor, String code) {
        return catalogue(actor).stream().filter(e -> e.code().equals(code)).findFirst();
    }

    /**
     * Checks a record of {@code service} at {@code stage} with these attributes: the service must be
     * known and loaded, the stage one of its stages, and the plugin must accept the attributes.
     */
    public List<AttributeProblem> validate(Actor actor, String service, String stage, Map<String, String> attributes) {
        Objects.requireNonNull(actor, "actor");
        Loaded l = loaded.get(service);
        if (l == null) {
            boolean known = catalogue(actor).stream().anyMatch(e -> e.code().equals(service));
            return List.of(known
                    ? AttributeProblem.of(null, "SERVICE_UNAVAILABLE", "Dịch vụ " + service + " hiện không có plugin",
                    "Service " + service + " has no plugin loaded")
                    : AttributeProblem.of(null, "UNKNOWN_SERVICE", "Không có dịch vụ " + service, "No service " + service));
        }
        if (l.descriptor().stage(stage).isEmpty()) {
            return List.of(AttributeProblem.of(null, "UNKNOWN_STAGE", "Dịch vụ " + service + " không có bước " + stage,
                    "Service " + service + " has no stage " + stage));
        }
        try {
            return List.copyOf(l.service().validate(stage, Map.copyOf(attributes)));
        } catch (RuntimeException e) {
            log.error("plugin {} failed to validate a record of {}", l.pluginId(), service, e);
            return List.of(AttributeProblem.of(null, "VALIDATION_FAILED", "Plugin không kiểm tra được bản ghi",
                    "The plugin could not check the record"));
        }
    }

    private static ServiceRow row(Loaded l) {
        ServiceDescriptor d = l.descriptor();
        ServiceRow r = new ServiceRow();
        r.code = d.code();
        r.nameVi = d.name().vi();
        r.nameEn = d.name().en();
        r.descriptionVi = d.description().vi();
        r.descriptionEn = d.description().en();
        r.subject = d.eligibility().subject();
        r.minimumAge = d.eligibility().minimumAge();
        r.maximumAge = d.eligibility().maximumAge();
        r.eligibilityNoteVi = d.eligibility().note() == null ? null : d.eligibility().note().vi();
        r.eligibilityNoteEn = d.eligibility().note() == null ? null : d.eligibility().note().en();
        r.adoptedStage = d.adoptedStage();
        r.pluginId = l.pluginId();
        r.pluginVersion = l.pluginVersion();
        return r;
    }

    private static List<StageRow> stageRows(ServiceDescriptor d) {
        List<StageRow> rows = new ArrayList<>();
        for (int i = 0; i < d.stages().size(); i++) {
            Stage s = d.stages().get(i);
            StageRow r = new StageRow();
            r.serviceCode = d.code();
            r.position = i + 1;
            r.code = s.code();
            r.nameVi = s.name().vi();
            r.nameEn = s.name().en();
            r.descriptionVi = s.description() == null ? null : s.description().vi();
            r.descriptionEn = s.description() == null ? null : s.description().en();
            rows.add(r);
        }
        return rows;
    }

    private static ServiceDescriptor descriptor(ServiceRow row, List<StageRow> stages) {
        List<Stage> list = stages.stream().map(s -> new Stage(s.code, LocalizedText.of(s.nameVi, s.nameEn),
                s.descriptionVi == null ? null : LocalizedText.of(s.descriptionVi, s.descriptionEn))).toList();
        LocalizedText note = row.eligibilityNoteVi == null ? null : LocalizedText.of(row.eligibilityNoteVi, row.eligibilityNoteEn);
        return new ServiceDescriptor(row.code, LocalizedText.of(row.nameVi, row.nameEn),
                LocalizedText.of(row.descriptionVi, row.descriptionEn), list,
                new Eligibility(row.subject, row.minimumAge, row.maximumAge, note), row.adoptedStage, List.of());
    }
}
