package vn.caunoi.api.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed and validated documents, by their text: clients send the same few documents again and
 * again (the web apps' and the trusted ones), and parsing and validating one costs more than
 * answering {@code { __typename }}. Only documents that passed validation are kept (an error's
 * message is in the language of the request that made it); when full, the cache starts again
 * empty, which bounds the memory a client sending ever new documents can take.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    private final int capacity;
    private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

    DocumentCache(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String text = input.getQuery();
        PreparsedDocumentEntry known = documents.get(text);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors()) {
            if (documents.size() >= capacity) {
                documents.clear();
            }
            documents.put(text, entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    int size() {
        return documents.size();
    }
}
