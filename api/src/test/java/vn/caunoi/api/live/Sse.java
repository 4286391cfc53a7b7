package vn.caunoi.api.live;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A GraphQL-over-SSE client for tests, as a browser's fetch would be: POST with
 * {@code Accept: text/event-stream}, then the {@code next} events' data one by one until
 * {@code complete}. Closing it leaves, as a client that goes away.
 */
final class Sse implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The end of the stream (the complete event, or the connection closed). */
    static final JsonNode COMPLETE = JSON.createObjectNode().put("complete", true);

    final HttpResponse<Stream<String>> response;
    private final BlockingQueue<JsonNode> events = new ArrayBlockingQueue<>(10_000);
    private final Thread reader;

    private Sse(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    static Sse subscribe(String base, String token, String document, Map<String, Object> variables) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document, "variables", variables))));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return new Sse(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    private void read() {
        String event = null;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && "next".equals(event)) {
                    events.put(JSON.readTree(line.substring(5).strip()));
                } else if (line.startsWith("data:") && "complete".equals(event)) {
                    break;
                }
            }
        } catch (Exception closed) {
            // the client left, or the server closed the connection: either ends the stream
        }
        events.offer(COMPLETE);
    }

    /** The next event's payload ({@code data}, {@code errors}), or {@link #COMPLETE}; fails after the timeout. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return e;
    }

    /** Every event up to the end of the stream (included), or fails after the timeout. */
    List<JsonNode> untilComplete(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> all = new ArrayList<>();
        JsonNode e;
        do {
            e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            all.add(e);
        } while (e != COMPLETE);
        return all;
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
