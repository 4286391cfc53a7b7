package vn.caunoi.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An attribute a record of this service may carry (shown in forms and docs; enforced by
 * {@link DigitalService#validate}).
 *
 * @param name   camelCase key, e.g. {@code socialInsuranceCode}
 * @param label  what a form shows
 * @param format what a valid value looks like, in words ("10 digits")
 * @param stage  the stage it belongs to, or null for any stage
 */
public record AttributeSpec(String name, LocalizedText label, LocalizedText format, String stage) {

    static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,49}");

    public AttributeSpec {
        Checks.matching(name, NAME, "attribute name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(format, "format");
        if (stage != null) {
            Checks.matching(stage, Stage.CODE, "stage code");
        }
    }
}
