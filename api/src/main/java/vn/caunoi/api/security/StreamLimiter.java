package vn.caunoi.api.security;

import org.springframework.stereotype.Component;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.core.common.CauNoiException;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many subscriptions each caller (a user, or an anonymous address) holds open at once: each
 * keeps a connection and reads the database every few seconds, so a caller may hold at most
 * {@code caunoi.live.max-streams-per-caller}; one more is refused with {@code TOO_MANY_STREAMS}.
 * Opening one also costs an expensive query of the caller's rate ({@link RateLimiter}).
 */
@Component
public class StreamLimiter {

    private final int max;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public StreamLimiter(CauNoiProperties properties) {
        this.max = properties.live().maxStreamsPerCaller();
    }

    /** A place held by one stream; closing it twice frees it once. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    public static final class TooManyStreamsException extends CauNoiException {
        TooManyStreamsException(int max) {
            super("you already have " + max + " subscriptions open; close one first");
        }

        @Override
        public String code() {
            return "TOO_MANY_STREAMS";
        }
    }

    public Permit open(String client) {
        AtomicInteger count = open.computeIfAbsent(client, k -> new AtomicInteger());
        if (count.incrementAndGet() > max) {
            release(client, count);
            throw new TooManyStreamsException(max);
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                release(client, count);
            }
        };
    }

    private void release(String client, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            open.remove(client, count);
        }
    }

    /** Streams open now, all callers together. */
    public int openStreams() {
        return open.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
