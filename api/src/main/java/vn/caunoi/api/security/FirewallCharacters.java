package vn.caunoi.api.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The characters Spring Security's {@link StrictHttpFirewall} allows in header names and values and
 * in parameters, decided with its own regular expressions, but without running them on text that is
 * all printable ASCII (always allowed by them). Every request's headers passed through them one
 * character at a time: a bearer token of some 800 characters made the firewall a sixth of the CPU
 * of a small query.
 */
public final class FirewallCharacters {

    /** Spring Security's rule for header names and parameter names: assigned, not a control character. */
    static final Pattern ASSIGNED_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    /** Spring Security's rule for header values: the same, or a tab. */
    static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    public static final Predicate<String> NAMES_AND_PARAMETERS = allowing(ASSIGNED_NOT_CONTROL);
    public static final Predicate<String> HEADER_VALUES = allowing(HEADER_VALUE);

    private FirewallCharacters() {
    }

    /** {@code pattern}'s verdict, found without it when every character is printable ASCII (U+0020 to U+007E). */
    static Predicate<String> allowing(Pattern pattern) {
        return text -> {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    return pattern.matcher(text).matches();
                }
            }
            return true;
        };
    }

    /** The firewall Spring Security uses by default, with these predicates. */
    public static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES_AND_PARAMETERS);
        firewall.setAllowedHeaderValues(HEADER_VALUES);
        firewall.setAllowedParameterNames(NAMES_AND_PARAMETERS);
        return firewall;
    }
}
