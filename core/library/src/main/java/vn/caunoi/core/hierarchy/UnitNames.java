package vn.caunoi.core.hierarchy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Splits an official name such as "Thị trấn Hưng Hà" into its kind ("Thị trấn") and name ("Hưng Hà"). */
public final class UnitNames {

    /** Kinds of unit in official lists; longest first so "Thành phố" wins over a shorter prefix. */
    public static final List<String> KINDS = List.of(
            "Thành phố", "Thị trấn", "Thị xã", "Tổ dân phố", "Khu phố", "Đặc khu",
            "Tỉnh", "Huyện", "Quận", "Phường", "Xã", "Thôn", "Xóm", "Ấp", "Bản", "Buôn", "Làng", "Khối")
            .stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();

    private UnitNames() {
    }

    public record KindAndName(String kind, String name) {
    }

    /** The kind and the bare name, or empty when the text starts with no known kind. */
    public static Optional<KindAndName> split(String fullName) {
        String text = fullName == null ? "" : fullName.strip().replaceAll("\\s+", " ");
        for (String kind : KINDS) {
            if (text.length() > kind.length() + 1 && text.regionMatches(true, 0, kind, 0, kind.length())
                    && text.charAt(kind.length()) == ' ') {
                return Optional.of(new KindAndName(kind, text.substring(kind.length() + 1)));
            }
        }
        return Optional.empty();
    }

    /** The bare name when {@code fullName} starts with {@code kind}, else the text as it is. */
    public static String withoutKind(String fullName, String kind) {
        String text = fullName.strip().replaceAll("\\s+", " ");
        if (text.length() > kind.length() + 1 && text.regionMatches(true, 0, kind, 0, kind.length())
                && text.charAt(kind.length()) == ' ') {
            return text.substring(kind.length() + 1);
        }
        return text;
    }
}
