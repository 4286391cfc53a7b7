package vn.caunoi.api.graphql;

import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;

import graphql.schema.DataFetchingFieldSelectionSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A Relay cursor connection, the one pagination helper of the API. Cursors are opaque: they encode
 * the position in the list, so they stay valid as long as the list does not change.
 */
public record Connection<N>(List<Edge<N>> edges, PageInfo pageInfo, long totalCount) {

    public record Edge<N>(String cursor, N node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    private static final String PREFIX = "cursor:";

    public List<N> nodes() {
        return edges.stream().map(Edge::node).toList();
    }

    public static <T, N> Connection<N> of(Page<T> page, Function<T, N> view) {
        List<Edge<N>> edges = new ArrayList<>();
        for (int i = 0; i < page.items().size(); i++) {
            edges.add(new Edge<>(encode(page.offset() + i), view.apply(page.items().get(i))));
        }
        PageInfo info = new PageInfo(page.hasNext(), page.offset() > 0,
                edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        return new Connection<>(edges, info, page.totalCount());
    }

    /**
     * The page asked for by Relay arguments: {@code first} items after the cursor {@code after}. The
     * configured largest page ({@code caunoi.limits.max-page-size}) is checked before any field runs
     * ({@link ArgumentChecks}); core refuses a negative one or one over 500.
     */
    public static PageRequest request(Integer first, String after) {
        return PageRequest.of(first, after == null ? 0 : decode(after) + 1);
    }

    /** As {@link #request(Integer, String)}, counting the whole list only when the query selects {@code totalCount}. */
    public static PageRequest request(Integer first, String after, DataFetchingFieldSelectionSet selection) {
        PageRequest page = request(first, after);
        return selection.contains("totalCount") ? page : page.withoutTotal();
    }

    static String encode(int position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int position = Integer.parseInt(text.substring(PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through: not one of our cursors
        }
        throw new InvalidInputException("after", "BAD_CURSOR", "after is not a cursor returned by this API");
    }
}
