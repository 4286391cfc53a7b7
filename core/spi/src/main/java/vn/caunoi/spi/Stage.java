package vn.caunoi.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a service's adoption funnel, e.g. {@code LEVEL_2_ACTIVATED}. Its position in
 * {@link ServiceDescriptor#stages()} is its order: a later stage implies the earlier ones.
 *
 * @param code        stable, UPPER_SNAKE_CASE; recorded data refers to it, so never rename it
 * @param name        what a field worker reads
 * @param description what has to have happened, and how it is checked (optional)
 */
public record Stage(String code, LocalizedText name, LocalizedText description) {

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,49}");

    public Stage {
        Checks.matching(code, CODE, "stage code");
        Objects.requireNonNull(name, "stage name");
    }

    public static Stage of(String code, String vi, String en) {
        return new Stage(code, LocalizedText.of(vi, en), null);
    }

    public static Stage of(String code, String vi, String en, String descriptionVi, String descriptionEn) {
        return new Stage(code, LocalizedText.of(vi, en), LocalizedText.of(descriptionVi, descriptionEn));
    }
}
