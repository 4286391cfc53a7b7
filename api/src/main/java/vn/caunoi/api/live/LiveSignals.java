package vn.caunoi.api.live;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Tells open subscriptions that something may have changed on this server — a mutation answered,
 * an import's chunk committed — so that they read their figures again at once instead of at their
 * next poll. Changes made by another process (the command line's imports) are seen at the poll.
 */
@Component
public class LiveSignals implements WebGraphQlInterceptor {

    private final Sinks.Many<Boolean> changes = Sinks.many().multicast().directBestEffort();

    /** Something was written. Never blocks, never fails: with no subscriber the signal is dropped. */
    public void changed() {
        changes.tryEmitNext(Boolean.TRUE);
    }

    Flux<Boolean> changes() {
        return changes.asFlux();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).doOnNext(response -> {
            if (response.getExecutionResult().isDataPresent() && isMutation(request.getDocument())) {
                changed();
            }
        });
    }

    /** Cheap and conservative: a false positive only costs the subscriptions one more read. */
    private static boolean isMutation(String document) {
        return document != null && document.contains("mutation");
    }
}
