package vn.caunoi.api.digital;

import org.springframework.stereotype.Component;
import vn.caunoi.api.plugins.PluginReport;
import vn.caunoi.api.plugins.PluginSystem;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.digital.DigitalServices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the GraphQL view of catalogue entries: the entry and its plugin's report. */
@Component
public class ServiceViews {

    private final DigitalServices services;
    private final PluginSystem plugins;

    public ServiceViews(CauNoi caunoi, PluginSystem plugins) {
        this.services = caunoi.digitalServices();
        this.plugins = plugins;
    }

    public ServiceView view(CatalogueEntry entry) {
        PluginReport report = entry.available() ? plugins.report(entry.pluginId()).orElse(null) : null;
        return new ServiceView(entry, report);
    }

    public List<ServiceView> all(Actor actor) {
        return services.catalogue(actor).stream().map(this::view).toList();
    }

    /** Every service by code, from one read of the catalogue. */
    public Map<String, ServiceView> byCode(Actor actor) {
        Map<String, ServiceView> result = new LinkedHashMap<>();
        all(actor).forEach(v -> result.put(v.code(), v));
        return result;
    }
}
