package vn.caunoi.spi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a digital service is: its stable code, names, adoption funnel, who it is for, the attributes
 * its records may carry, and which stage counts as "adopted" by default.
 *
 * <p>Immutable and checked when built; build one with {@link #builder(String)}.
 */
public record ServiceDescriptor(String code, LocalizedText name, LocalizedText description, List<Stage> stages,
                                Eligibility eligibility, String adoptedStage, List<AttributeSpec> attributes) {

    static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    public ServiceDescriptor {
        Checks.matching(code, CODE, "service code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(eligibility, "eligibility");
        stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
        attributes = List.copyOf(attributes == null ? List.of() : attributes);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("service " + code + " needs at least one stage");
        }
        Set<String> codes = new HashSet<>();
        for (Stage s : stages) {
            if (!codes.add(s.code())) {
                throw new IllegalArgumentException("service " + code + " lists stage " + s.code() + " twice");
            }
        }
        if (!codes.contains(adoptedStage)) {
            throw new IllegalArgumentException("adopted stage " + adoptedStage + " is not a stage of " + code);
        }
        Set<String> names = new HashSet<>();
        for (AttributeSpec a : attributes) {
            if (!names.add(a.name() + "@" + a.stage())) {
                throw new IllegalArgumentException("attribute " + a.name() + " is described twice");
            }
            if (a.stage() != null && !codes.contains(a.stage())) {
                throw new IllegalArgumentException("attribute " + a.name() + " names unknown stage " + a.stage());
            }
        }
    }

    public Optional<Stage> stage(String stageCode) {
        return stages.stream().filter(s -> s.code().equals(stageCode)).findFirst();
    }

    /** The position of a stage in the funnel, from 1; 0 when the service has no such stage. */
    public int order(String stageCode) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).code().equals(stageCode)) {
                return i + 1;
            }
        }
        return 0;
    }

    public static Builder builder(String code) {
        return new Builder(code);
    }

    /** Builds a descriptor step by step; {@link #build()} checks it. */
    public static final class Builder {
        private final String code;
        private LocalizedText name;
        private LocalizedText description;
        private final List<Stage> stages = new ArrayList<>();
        private Eligibility eligibility;
        private String adoptedStage;
        private final List<AttributeSpec> attributes = new ArrayList<>();

        private Builder(String code) {
            this.code = code;
        }

        public Builder name(String vi, String en) {
            this.name = LocalizedText.of(vi, en);
            return this;
        }

        public Builder description(String vi, String en) {
            this.description = LocalizedText.of(vi, en);
            return this;
        }

        public Builder stage(Stage stage) {
            stages.add(stage);
            return this;
        }

        public Builder eligibility(Eligibility eligibility) {
            this.eligibility = eligibility;
            return this;
        }

        /** The stage from which a resident counts as having adopted the service. */
        public Builder adoptedAt(String stageCode) {
            this.adoptedStage = stageCode;
            return this;
        }

        public Builder attribute(String name, String labelVi, String labelEn, String formatVi, String formatEn, String stage) {
            attributes.add(new AttributeSpec(name, LocalizedText.of(labelVi, labelEn), LocalizedText.of(formatVi, formatEn), stage));
            return this;
        }

        public ServiceDescriptor build() {
            return new ServiceDescriptor(code, name, description, stages, eligibility,
                    adoptedStage == null && !stages.isEmpty() ? stages.get(stages.size() - 1).code() : adoptedStage, attributes);
        }
    }
}
