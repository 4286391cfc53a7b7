package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/** The one-pass reading of the Authorization header finds what Spring Security's resolver finds, and refuses what it refuses. */
class BearerTokensTest {

    private static final DefaultBearerTokenResolver SPRING = new DefaultBearerTokenResolver();
    /** Characters at the edges of the token's class and of the scheme's letters. */
    private static final String EDGES = "=-._~+/ \t,;:!\"#$%&'()*<>?@[\\]^`{|}aAzZ09bBeErR\u0000\u007f\u00e9\u0130\u0131\u212a\u017f\u1ea1";
    private static final List<String> STARTS = List.of("Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer", "Bearer  ", "Bearer\t",
            "Basic ", "", "Bearerx", "B\u0130arer ", "Bear\u0435r ");

    @Test
    void agrees_with_spring_securitys_resolver_on_any_header() {
        qt().withExamples(3_000).forAll(integers().between(0, STARTS.size() - 1), strings().basicLatinAlphabet().ofLengthBetween(0, 30),
                lists().of(integers().between(0, EDGES.length() - 1)).ofSizeBetween(0, 4)).checkAssert((start, body, picks) -> {
                    StringBuilder b = new StringBuilder(body);
                    for (int i = 0; i < picks.size(); i++) {
                        b.insert(Math.min(b.length(), i * 5), EDGES.charAt(picks.get(i)));
                    }
                    agree(STARTS.get(start) + b);
                });
        qt().withExamples(1_000).forAll(strings().allPossible().ofLengthBetween(0, 20)).checkAssert(text -> {
            agree(text);
            agree("Bearer " + text);
        });
    }

    @Test
    void reads_a_jwt_and_refuses_a_malformed_one() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl-_~+/==";
        assertThat(BearerTokens.fromHeader("Bearer " + jwt)).isEqualTo(jwt);
        assertThat(BearerTokens.fromHeader("bEARER " + jwt)).isEqualTo(jwt);
        assertThat(BearerTokens.fromHeader(null)).isNull();
        assertThat(BearerTokens.fromHeader("Basic dXNlcjpwYXNz")).isNull();
        assertThatThrownBy(() -> BearerTokens.fromHeader("Bearer a=b")).isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessage("Bearer token is malformed");
        assertThatThrownBy(() -> BearerTokens.fromHeader("Bearer ")).isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> BearerTokens.fromHeader("Bearer =")).isInstanceOf(OAuth2AuthenticationException.class);
    }

    private static void agree(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        request.addHeader("Authorization", header);
        Object expected = outcome(() -> SPRING.resolve(request));
        Object actual = outcome(() -> new BearerTokens().resolve(request));
        assertThat(actual).as("Authorization: %s", header.chars().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                : String.valueOf((char) c)).reduce("", String::concat)).isEqualTo(expected);
    }

    private static Object outcome(java.util.function.Supplier<String> resolve) {
        try {
            String token = resolve.get();
            return token == null ? "(none)" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "refused: " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
