package io.firedrill.api;

/** Removes secrets from connection strings and URIs before they reach a message or a log. */
public final class Redaction {
    private Redaction() {
    }

    /**
     * A connection string or URI without its user info and without anything after {@code ;} or {@code ?} (where
     * drivers and storages take passwords and keys).
     */
    public static String connection(String connection) {
        String s = connection;
        int cut = indexOfAny(s, '?', ';');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        int scheme = s.indexOf("//");
        if (scheme >= 0) {
            int at = s.indexOf('@', scheme + 2);
            int slash = s.indexOf('/', scheme + 2);
            if (at >= 0 && (slash < 0 || at < slash)) {
                s = s.substring(0, scheme + 2) + s.substring(at + 1);
            }
        }
        return s;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
