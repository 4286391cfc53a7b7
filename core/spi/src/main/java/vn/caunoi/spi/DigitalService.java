package vn.caunoi.spi;

import org.pf4j.ExtensionPoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The extension point a plugin implements to add a digital service (VNeID, VssID, e-payment, …).
 * Mark the implementation with PF4J's {@code @Extension}.
 *
 * <p>Only {@link #descriptor()} is required; every other method has a default, so a new capability of
 * the SPI never breaks an existing plugin. Implementations must be thread-safe and cheap: the server
 * calls them on request threads.
 */
public interface DigitalService extends ExtensionPoint {

    /** What the service is. Called once when the plugin is loaded; must not change afterwards. */
    ServiceDescriptor descriptor();

    /**
     * Checks the service-specific attributes of a record at {@code stage} (already known to be one of
     * the descriptor's stages). Return every problem found; an empty list accepts the record.
     */
    default List<AttributeProblem> validate(String stage, Map<String, String> attributes) {
        return attributes.isEmpty() ? List.of()
                : attributes.keySet().stream().sorted()
                .map(name -> AttributeProblem.of(name, "UNKNOWN_ATTRIBUTE",
                        "Dịch vụ này không có thuộc tính " + name, "This service has no attribute " + name))
                .toList();
    }

    /**
     * Whether a resident's status may go back from {@code fromStage} to the earlier {@code toStage}
     * by an explicit event (an account locked, a level withdrawn). By default a status only moves
     * forward: the furthest stage reached.
     */
    @Since("1.1.0")
    default boolean allowsStepBack(String fromStage, String toStage) {
        return false;
    }

    /** GraphQL schema this plugin adds, if any. */
    default Optional<SchemaContribution> schema() {
        return Optional.empty();
    }
}
