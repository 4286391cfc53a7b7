package vn.caunoi.api.plugins;

import java.util.List;

/**
 * A plugin found in the plugins directory, as the server sees it: its state and, when it is not
 * started, the reason. A jar that could not even be read is reported under its file name.
 */
public record PluginReport(String id, String version, State state, String reason, String requires, String provider,
                           String description, String file, List<String> services) {

    /** PF4J's states, plus FAILED for plugins refused by the server itself (duplicate code, bad schema). */
    public enum State { CREATED, DISABLED, RESOLVED, STARTED, STOPPED, FAILED, UNLOADED }

    public PluginReport {
        services = List.copyOf(services);
    }

    PluginReport failed(String why) {
        return new PluginReport(id, version, State.FAILED, why, requires, provider, description, file, List.of());
    }
}
