package vn.caunoi.api.digital;

import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.api.plugins.PluginReport;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.spi.Eligibility;

/** A digital service as GraphQL shows it: the catalogue entry and its plugin's report, if loaded. */
public record ServiceView(CatalogueEntry entry, PluginReport plugin) implements DomainView {

    public String code() {
        return entry.code();
    }

    public String lastPluginId() {
        return entry.pluginId();
    }

    public Eligibility eligibility() {
        return entry.descriptor().eligibility();
    }

    @Override
    public Object domain() {
        return entry;
    }
}
