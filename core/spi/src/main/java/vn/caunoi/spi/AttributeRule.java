package vn.caunoi.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A ready-made check of one attribute, so that plugins validate in the same way and say the same
 * things: where it may appear, whether it is required there, and what a valid value is.
 * Combine them with {@link #check(Collection, String, Map)}.
 */
public record AttributeRule(String name, Set<String> stages, boolean mandatory, int maxLength,
                            Predicate<String> valid, String code, LocalizedText message) {

    public AttributeRule {
        Checks.matching(name, AttributeSpec.NAME, "attribute name");
        stages = Set.copyOf(stages);
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
    }

    /** Free text up to {@code maxLength} characters. */
    public static AttributeRule text(String name, int maxLength) {
        return new AttributeRule(name, Set.of(), false, maxLength, v -> true, "INVALID",
                LocalizedText.of("Giá trị không hợp lệ", "Invalid value"));
    }

    /** A value matching {@code regex} in full. */
    public static AttributeRule pattern(String name, String regex, String code, String vi, String en) {
        Pattern p = Pattern.compile(regex);
        return new AttributeRule(name, Set.of(), false, 200, v -> p.matcher(v).matches(), code, LocalizedText.of(vi, en));
    }

    /** One of a fixed set of values. */
    public static AttributeRule oneOf(String name, Collection<String> values) {
        Set<String> allowed = new TreeSet<>(values);
        return new AttributeRule(name, Set.of(), false, 200, allowed::contains, "NOT_ALLOWED",
                LocalizedText.of("Phải là một trong " + allowed, "Must be one of " + allowed));
    }

    /** Only at these stages (by default: any stage of the service). */
    public AttributeRule at(String... stageCodes) {
        return new AttributeRule(name, Set.of(stageCodes), mandatory, maxLength, valid, code, message);
    }

    /** Required wherever it is allowed. */
    public AttributeRule required() {
        return new AttributeRule(name, stages, true, maxLength, valid, code, message);
    }

    boolean appliesAt(String stage) {
        return stages.isEmpty() || stages.contains(stage);
    }

    /**
     * Every problem of {@code attributes} at {@code stage} under {@code rules}: unknown attributes,
     * attributes of another stage, missing required ones, values too long or invalid. Values are never
     * repeated in messages (they may be personal data).
     */
    public static List<AttributeProblem> check(Collection<AttributeRule> rules, String stage, Map<String, String> attributes) {
        List<AttributeProblem> problems = new java.util.ArrayList<>();
        for (String key : new TreeSet<>(attributes.keySet())) {
            List<AttributeRule> named = rules.stream().filter(r -> r.name().equals(key)).toList();
            if (named.isEmpty()) {
                problems.add(AttributeProblem.of(key, "UNKNOWN_ATTRIBUTE",
                        "Dịch vụ này không có thuộc tính " + key, "This service has no attribute " + key));
                continue;
            }
            List<AttributeRule> here = named.stream().filter(r -> r.appliesAt(stage)).toList();
            if (here.isEmpty()) {
                problems.add(AttributeProblem.of(key, "NOT_FOR_STAGE",
                        "Thuộc tính " + key + " không dùng cho bước " + stage, "Attribute " + key + " does not belong to stage " + stage));
                continue;
            }
            String value = attributes.get(key) == null ? "" : attributes.get(key).strip();
            for (AttributeRule rule : here) {
                if (value.length() > rule.maxLength()) {
                    problems.add(AttributeProblem.of(key, "TOO_LONG", "Dài quá " + rule.maxLength() + " ký tự",
                            "Longer than " + rule.maxLength() + " characters"));
                } else if (value.isEmpty() && rule.mandatory()) {
                    problems.add(AttributeProblem.of(key, "REQUIRED", "Bắt buộc", "Required"));
                } else if (!value.isEmpty() && !rule.valid().test(value)) {
                    problems.add(new AttributeProblem(key, rule.code(), rule.message()));
                }
            }
        }
        for (AttributeRule rule : rules) {
            if (rule.mandatory() && rule.appliesAt(stage) && !attributes.containsKey(rule.name())) {
                problems.add(AttributeProblem.of(rule.name(), "REQUIRED", "Bắt buộc ở bước " + stage, "Required at stage " + stage));
            }
        }
        return problems;
    }
}
