package io.firedrill.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one Jackson mapper every repository document is read and written with. */
public final class Json {
    /**
     * Shared, thread-safe mapper. Unknown fields are ignored, so a document's {@code version} field, not a
     * parse error, decides whether a newer format is reported as unsupported.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** Serialises a document. */
    public static byte[] write(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + document.getClass().getSimpleName(), e);
        }
    }

    /** Parses a document; a malformed one is an {@link IOException} for the caller to map. */
    public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        return MAPPER.readValue(bytes, type);
    }

    /** Parses a document that must be well-formed. */
    public static <T> T readTrusted(byte[] bytes, Class<T> type) {
        try {
            return read(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
