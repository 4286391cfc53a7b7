package vn.caunoi.api.security;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What a request is charged for and which allowance it draws on. */
class RateLimiterTest {

    static int rootFields(String query) {
        Document d = Parser.parse(query);
        OperationDefinition op = d.getDefinitionsOfType(OperationDefinition.class).get(0);
        Map<String, FragmentDefinition> fragments = d.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
        return (int) RateLimiter.rootFields(op.getSelectionSet(), fragments).fields();
    }

    static int aliases(String query) {
        Document d = Parser.parse(query);
        OperationDefinition op = d.getDefinitionsOfType(OperationDefinition.class).get(0);
        Map<String, FragmentDefinition> fragments = d.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
        return RequestLimits.aliases(op.getSelectionSet(), fragments, new HashSet<>(), 1000);
    }

    @Test
    void root_fields_are_found_through_inline_fragments_and_spreads() {
        assertThat(rootFields("{ a: units { totalCount } b: units { totalCount } }")).isEqualTo(2);
        assertThat(rootFields("{ ... on Query { a: me { role } ... on Query { b: me { role } } } }")).isEqualTo(2);
        assertThat(rootFields("query { ...F ...F } fragment F on Query { me { role } x: me { role } }")).isEqualTo(4);
    }

    /** Fragments F0 … Fn, each spreading the next twice: 2^n fields at the bottom, from a document of a few hundred bytes. */
    static String fan(int n) {
        StringBuilder q = new StringBuilder("query { ...F0 } ");
        for (int i = 0; i < n; i++) {
            q.append("fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F").append(i + 1).append(" } ");
        }
        return q.append("fragment F").append(n).append(" on Query { a: me { role } }").toString();
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // not a speed goal: a walk of 2^40 spreads would never end
    void a_fan_of_fragments_is_counted_in_one_walk() {
        assertThat(aliases(fan(40))).as("saturated, past the cap").isGreaterThan(1000);
        assertThat(rootFields(fan(40))).as("saturated").isEqualTo(1_000_000);
        assertThat(rootFields(fan(3))).isEqualTo(8);
        assertThat(aliases(fan(3))).isEqualTo(8);
    }

    @Test
    void aliases_count_at_every_place_their_fragment_is_spread() {
        assertThat(aliases("query { ...F ...F ...F } fragment F on Query { a: me { role } b: me { role } }")).isEqualTo(6);
        assertThat(aliases("query { me { ...G } units { nodes { ...G } } } fragment G on Node { x: id }")).isEqualTo(2);
    }

    @Test
    void the_public_is_keyed_by_its_address_an_ipv6_client_by_its_network() {
        assertThat(RateLimiter.network("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(RateLimiter.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo(RateLimiter.network("2001:db8:1:2::1"));
        assertThat(RateLimiter.network("2001:db8:1:2::1")).endsWith("/64");
        assertThat(RateLimiter.network("2001:db8:1:3::1")).isNotEqualTo(RateLimiter.network("2001:db8:1:2::1"));
        assertThat(RateLimiter.network(null)).isEqualTo("unknown");
    }
}
