package vn.caunoi.core.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normal forms of Vietnamese text for matching what people type against official names.
 *
 * <ul>
 *   <li>{@link #exact}: composed (NFC), lower case, single spaces, and the tone mark of the
 *       syllables "oa", "oe", "uy" placed the modern way, so "Hoà" and "Hòa", "Thuỵ" and "Thụy"
 *       are the same name (the official lists mix both styles);</li>
 *   <li>{@link #folded}: {@link #exact} without any diacritic and with đ written d, so "tan hoa"
 *       finds "Tân Hòa".</li>
 * </ul>
 */
public final class VietnameseText {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    // Old style puts the tone on the second vowel of an open syllable: hoà, hoè, thuỵ. The modern
    // style puts it on the first: hòa, hòe, thụy. Only when nothing follows in the syllable.
    private static final Pattern OLD_TONE = Pattern.compile("([ou])([\\u0300\\u0301\\u0303\\u0309\\u0323])?([aey])([\\u0300\\u0301\\u0303\\u0309\\u0323])(?![\\p{L}\\p{M}])");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private VietnameseText() {
    }

    public static String exact(String text) {
        String lower = collapse(text).toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        Matcher m = OLD_TONE.matcher(decomposed);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String first = m.group(1);
            String second = m.group(3);
            boolean pair = (first.equals("o") && (second.equals("a") || second.equals("e")))
                    || (first.equals("u") && second.equals("y"));
            // "qua", "quy": after q the u is a glide, the tone stays on the vowel after it.
            boolean afterQ = m.start() > 0 && decomposed.charAt(m.start() - 1) == 'q';
            if (pair && m.group(2) == null && !afterQ) {
                m.appendReplacement(out, Matcher.quoteReplacement(first + m.group(4) + second));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(out);
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
    }

    public static String folded(String text) {
        String decomposed = Normalizer.normalize(collapse(text).toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd');
    }

    private static String collapse(String text) {
        return SPACES.matcher(text.strip()).replaceAll(" ");
    }
}
