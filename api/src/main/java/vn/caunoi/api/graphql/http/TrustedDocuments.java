package vn.caunoi.api.graphql.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.config.CauNoiProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Trusted documents (persisted queries): GraphQL documents known by the SHA-256 of their text, so
 * that a client sends the hash instead of the text, and a server can be set to run nothing else.
 *
 * <p>Registered documents come from {@code caunoi.trusted-documents.directory}, read once at start:
 * every {@code *.graphql} file is one document, known by the SHA-256 of its exact text (UTF-8);
 * every {@code *.json} file is a manifest mapping hashes to texts (graphql-codegen's
 * {@code persisted-documents.json}), each hash checked against its text. A hash is sent as Apollo's
 * {@code extensions.persistedQuery.sha256Hash} or as {@code documentId} ({@code sha256:<hex>} or the
 * bare hex).
 *
 * <p>{@code caunoi.trusted-documents.required-for} says who may send text that is not registered:
 * {@code NOBODY} (the default: anyone may, and a text sent with its hash is remembered, up to
 * {@link #REMEMBERED} documents, as Apollo's automatic persisted queries expect), {@code PUBLIC}
 * (callers who do not sign in run registered documents only) or {@code EVERYONE}. While any caller
 * is held to the registered documents nothing is remembered, so no client can add to them.
 */
public final class TrustedDocuments {

    private static final Logger log = LoggerFactory.getLogger(TrustedDocuments.class);

    /** How many documents sent with their hash are remembered when anyone may send text. */
    static final int REMEMBERED = 2_000;

    /** Who is held to the registered documents. */
    public enum RequiredFor { NOBODY, PUBLIC, EVERYONE }

    /** What a request asked for: its text, or why it is refused (a stable code and a sentence). */
    public record Resolution(String text, String code, String message) {
        static Resolution ok(String text) {
            return new Resolution(text, null, null);
        }

        static Resolution refused(String code, String message) {
            return new Resolution(null, code, message);
        }

        public boolean refused() {
            return code != null;
        }
    }

    private final Map<String, String> registered;
    private final RequiredFor requiredFor;
    private final Map<String, String> remembered = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    public TrustedDocuments(Map<String, String> registered, RequiredFor requiredFor) {
        this.registered = Map.copyOf(registered);
        this.requiredFor = requiredFor;
    }

    /** Reads the configured directory (none: no registered documents). Refuses to start on a bad file. */
    public static TrustedDocuments load(CauNoiProperties.TrustedDocuments settings, JsonMapper json) {
        Map<String, String> documents = new LinkedHashMap<>();
        Path directory = settings.directory();
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException("caunoi.trusted-documents.directory " + directory + " is not a directory");
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (name.endsWith(".graphql") || name.endsWith(".gql")) {
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        documents.put(sha256(text), text);
                    } else if (name.endsWith(".json")) {
                        JsonNode manifest = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
                        if (!manifest.isObject()) {
                            throw new IllegalStateException("the manifest " + file + " is not a JSON object of hash to document");
                        }
                        for (Map.Entry<String, JsonNode> e : manifest.properties()) {
                            String text = e.getValue().asString();
                            String hash = hex(e.getKey());
                            if (!sha256(text).equals(hash)) {
                                throw new IllegalStateException("in the manifest " + file + ", " + e.getKey()
                                        + " is not the SHA-256 of its document");
                            }
                            documents.put(hash, text);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the trusted documents in " + directory, e);
            }
        }
        if (settings.requiredFor() != RequiredFor.NOBODY && documents.isEmpty()) {
            log.warn("caunoi.trusted-documents.required-for={} but no document is registered: those callers can run nothing",
                    settings.requiredFor());
        }
        log.info("{} trusted documents registered; required for {}", documents.size(), settings.requiredFor());
        return new TrustedDocuments(documents, settings.requiredFor());
    }

    public int size() {
        return registered.size();
    }

    public RequiredFor requiredFor() {
        return requiredFor;
    }

    /**
     * The text to run for a request that sent {@code text} and/or {@code hash} (either may be null),
     * by a caller who is {@code anonymous} or not.
     */
    public Resolution resolve(String text, String hash, boolean anonymous) {
        boolean held = requiredFor == RequiredFor.EVERYONE || (requiredFor == RequiredFor.PUBLIC && anonymous);
        boolean hasText = text != null && !text.isBlank();
        if (hash != null) {
            String key = hex(hash);
            if (key.length() != 64) {
                return Resolution.refused("PERSISTED_QUERY_NOT_FOUND", "a document hash is the SHA-256 of its text: 64 hexadecimal digits");
            }
            String known = registered.get(key);
            if (known == null && requiredFor == RequiredFor.NOBODY) {
                known = remembered.get(key);
            }
            if (hasText && !sha256(text).equals(key)) {
                return Resolution.refused("PERSISTED_QUERY_HASH_MISMATCH", "the hash sent is not the SHA-256 of the document sent");
            }
            if (known != null) {
                return Resolution.ok(known);
            }
            if (!hasText) {
                return Resolution.refused("PERSISTED_QUERY_NOT_FOUND", held
                        ? "no registered document has this hash"
                        : "no document is known by this hash: send its text with the hash once");
            }
            if (held) {
                return Resolution.refused("PERSISTED_QUERY_NOT_FOUND", "no registered document has this hash");
            }
            if (requiredFor == RequiredFor.NOBODY) {
                remembered.put(key, text);
            }
            return Resolution.ok(text);
        }
        if (!hasText) {
            return Resolution.refused("BAD_REQUEST", "send a GraphQL document as \"query\", or the hash of a registered one");
        }
        if (held && !registered.containsKey(sha256(text))) {
            return Resolution.refused("PERSISTED_QUERY_REQUIRED", "this server runs only registered documents"
                    + (requiredFor == RequiredFor.PUBLIC ? " for callers who do not sign in" : "")
                    + ": send the hash of one (extensions.persistedQuery.sha256Hash or documentId)");
        }
        return Resolution.ok(text);
    }

    /** A hash as sent ({@code sha256:<hex>}, upper or lower case) as lower-case hex. */
    static String hex(String hash) {
        String h = hash.strip();
        if (h.regionMatches(true, 0, "sha256:", 0, 7)) {
            h = h.substring(7);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    Optional<String> registered(String hash) {
        return Optional.ofNullable(registered.get(hex(hash)));
    }
}
