package vn.caunoi.core.imports;

import vn.caunoi.core.text.VietnameseText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns of one kind of file: each with its canonical name, whether it is required, and the
 * other headings people give it (Vietnamese headings, folded: "Số định danh" is {@code so_dinh_danh}).
 * Declared once per kind, read by every import of it.
 */
public final class Columns {

    private final Map<String, Boolean> required;
    private final Map<String, String> aliases;
    private final Pattern extra;

    private Columns(Map<String, Boolean> required, Map<String, String> aliases, Pattern extra) {
        this.required = Map.copyOf(required);
        this.aliases = Map.copyOf(aliases);
        this.extra = extra;
        names = List.copyOf(required.keySet());
    }

    private final List<String> names;

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Boolean> required = new LinkedHashMap<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private Pattern extra;

        public Builder required(String name, String... otherHeadings) {
            return column(name, true, otherHeadings);
        }

        public Builder optional(String name, String... otherHeadings) {
            return column(name, false, otherHeadings);
        }

        /** Headings outside the list that are allowed as they are, e.g. {@code attr\.[A-Za-z]\w*}. */
        public Builder extra(String regex) {
            this.extra = Pattern.compile(regex);
            return this;
        }

        private Builder column(String name, boolean isRequired, String... otherHeadings) {
            required.put(name, isRequired);
            for (String heading : otherHeadings) {
                aliases.put(heading, name);
            }
            return this;
        }

        public Columns build() {
            return new Columns(required, aliases, extra);
        }
    }

    /** The canonical names, in the order declared. */
    public List<String> names() {
        return names;
    }

    public boolean isRequired(String name) {
        return Boolean.TRUE.equals(required.get(name));
    }

    /** The column a heading names: canonical, another heading of it, or an allowed extra column; null if none. */
    String columnOf(String heading) {
        String name = heading.toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
        if (required.containsKey(name)) {
            return name;
        }
        String folded = VietnameseText.folded(heading).replace(' ', '_');
        if (aliases.containsKey(folded)) {
            return aliases.get(folded);
        }
        return extra != null && extra.matcher(heading).matches() ? heading : null;
    }
}
