package io.firedrill.storage.swift;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Builds request URLs below an account's storage URL: {@code STORAGE/container} and {@code STORAGE/container/object},
 * each path segment percent-encoded as UTF-8 (every byte but unreserved characters; {@code /} between object name
 * levels is kept).
 */
final class ObjectUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ObjectUrls() {
    }

    static URI container(URI storage, String container, String query) {
        return URI.create(trimmed(storage) + "/" + encode(container, false) + (query == null ? "" : "?" + query));
    }

    static URI object(URI storage, String container, String object, String query) {
        return URI.create(trimmed(storage) + "/" + encode(container, false) + "/" + encode(object, true)
                + (query == null ? "" : "?" + query));
    }

    /** Percent-encodes a value for a URL path ({@code keepSlash}) or a query parameter. */
    static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static String trimmed(URI storage) {
        String text = storage.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
