package vn.caunoi.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A digital service whose records are checked by {@link AttributeRule}s: most plugins need nothing
 * more than a descriptor and their rules.
 *
 * <pre>{@code
 * @Extension
 * public class VssidService extends RuleCheckedService {
 *     public VssidService() {
 *         super(DESCRIPTOR, List.of(AttributeRule.pattern("socialInsuranceCode", "\\d{10}", …)));
 *     }
 * }
 * }</pre>
 */
public abstract class RuleCheckedService implements DigitalService {

    private final ServiceDescriptor descriptor;
    private final List<AttributeRule> rules;

    protected RuleCheckedService(ServiceDescriptor descriptor, List<AttributeRule> rules) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.rules = List.copyOf(rules);
    }

    @Override
    public final ServiceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<AttributeProblem> validate(String stage, Map<String, String> attributes) {
        return AttributeRule.check(rules, stage, attributes);
    }
}
