package vn.caunoi.spi;

import java.util.Map;

/**
 * Answers one field of the GraphQL schema a plugin contributes. Plain Java: the SPI does not expose
 * the GraphQL library the server uses.
 */
@FunctionalInterface
public interface FieldResolver {

    /**
     * @return a value GraphQL can show: a String, number, Boolean, List, Map (by field name), a record
     *         (by accessor name), or null
     */
    Object resolve(Context context);

    /** What the field is asked on. */
    interface Context {
        /**
         * The object the field belongs to: for fields added to {@code DigitalService}, that service's
         * {@link ServiceDescriptor}; for fields added to {@code Query}, null; for the plugin's own types,
         * whatever its resolvers returned.
         */
        Object source();

        /** The field's arguments, as GraphQL coerced them. */
        Map<String, Object> arguments();
    }
}
