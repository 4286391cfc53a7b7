package vn.caunoi.spi;

import java.util.Locale;
import java.util.Objects;

/** A text in Vietnamese and English. Both are required: the dashboard shows either. */
public record LocalizedText(String vi, String en) {

    public LocalizedText {
        vi = Checks.text(vi, "vi", 2000);
        en = Checks.text(en, "en", 2000);
    }

    public static LocalizedText of(String vi, String en) {
        return new LocalizedText(vi, en);
    }

    /** The text in {@code language} ("vi" or "en", any case); Vietnamese for anything else. */
    public String in(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("en") ? en : vi;
    }

    @Override
    public String toString() {
        return Objects.toString(vi);
    }
}
