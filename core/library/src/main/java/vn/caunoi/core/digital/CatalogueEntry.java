package vn.caunoi.core.digital;

import vn.caunoi.spi.ServiceDescriptor;

import java.util.Objects;

/**
 * A digital service as the catalogue knows it: its descriptor (from the loaded plugin, or as last
 * recorded when the plugin is gone), the plugin that provides or provided it, and whether that
 * plugin is loaded now.
 */
public record CatalogueEntry(ServiceDescriptor descriptor, String pluginId, String pluginVersion, boolean available) {

    public CatalogueEntry {
        Objects.requireNonNull(descriptor, "descriptor");
    }

    public String code() {
        return descriptor.code();
    }
}
