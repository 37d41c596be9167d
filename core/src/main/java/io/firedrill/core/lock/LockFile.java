package io.firedrill.core.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The content of a lock file: JSON such as
 * {@code {"version":1,"mode":"SHARED","host":"db-7","pid":4711,"owner":"backup db1",
 * "created":"2026-11-21T05:53:00Z","heartbeat":"2026-11-21T05:54:15Z"}}. Unknown fields are ignored, so a
 * later version may add some.
 */
record LockFile(LockMode mode, String host, long pid, String owner, Instant created, Instant heartbeat) {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    LockFile {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /** The same lock with a new heartbeat time. */
    LockFile withHeartbeat(Instant time) {
        return new LockFile(mode, host, pid, owner, created, time);
    }

    /** Who holds this lock, for messages: mode, owner, host, pid and since when. */
    String describe() {
        return mode + " lock of owner '" + owner + "' on host " + host + " (pid " + pid + "), held since " + created
                + ", last heartbeat " + heartbeat;
    }

    byte[] encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        node.put("mode", mode.name());
        node.put("host", host);
        node.put("pid", pid);
        node.put("owner", owner);
        node.put("created", created.toString());
        node.put("heartbeat", heartbeat.toString());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode a lock file as JSON", e);
        }
    }

    /**
     * Parses a lock file.
     *
     * @throws IllegalArgumentException when the bytes are not a lock file this version understands
     */
    static LockFile decode(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode version = node.get("version");
        if (version == null || !version.canConvertToInt() || version.intValue() < VERSION) {
            throw new IllegalArgumentException("field 'version' is missing or invalid");
        }
        try {
            return new LockFile(LockMode.valueOf(text(node, "mode")), text(node, "host"), number(node, "pid"),
                    text(node, "owner"), Instant.parse(text(node, "created")), Instant.parse(text(node, "heartbeat")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a time field is not an ISO-8601 instant: " + e.getParsedString(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not an integer");
        }
        return value.longValue();
    }
}
