package io.firedrill.core.storage.file;

import java.nio.file.Path;

/**
 * Maps object names to files under a storage root and back, refusing every name that could escape the
 * root or that the file system would read differently from what the caller meant.
 */
final class ObjectPaths {
    /** File names starting with this are writes in progress; they are never objects. */
    static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    ObjectPaths(Path root) {
        this.root = root;
    }

    /** The file holding the named object. */
    Path file(String name) {
        check(name, "object name");
        return resolveChecked(name);
    }

    /**
     * The directory under which every object starting with {@code prefix} lives: the part of the prefix up
     * to its last {@code /}, or the root for a prefix without one.
     */
    Path listingStart(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null; use \"\" to list every object");
        }
        int slash = prefix.lastIndexOf('/');
        if (slash < 0) {
            return root;
        }
        String directory = prefix.substring(0, slash);
        check(directory, "directory part of prefix '" + prefix + "'");
        return resolveChecked(directory);
    }

    /** The object name of a file under the root, with {@code /} separators on every platform. */
    String name(Path file) {
        Path relative = root.relativize(file);
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    static boolean isTemporary(Path file) {
        Path fileName = file.getFileName();
        return fileName != null && fileName.toString().startsWith(TEMP_PREFIX);
    }

    private Path resolveChecked(String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("object name '" + relative + "' resolves to " + resolved
                    + ", outside the storage root " + root + "; use a relative name such as data/ab/abcdef");
        }
        return resolved;
    }

    private static void check(String name, String what) {
        if (name == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty; use a relative name such as data/ab/abcdef");
        }
        if (name.startsWith("/")) {
            throw reject(name, what, "starts with '/'; names are relative to the storage root");
        }
        if (name.indexOf('\\') >= 0) {
            throw reject(name, what, "contains a backslash; separate levels with '/'");
        }
        if (name.indexOf('\0') >= 0) {
            throw reject(name, what, "contains a NUL character");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                throw reject(name, what, "has an empty segment (a leading, trailing or doubled '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw reject(name, what, "has a '" + segment + "' segment; names must not navigate directories");
            }
            if (segment.startsWith(TEMP_PREFIX)) {
                throw reject(name, what, "has a segment starting with '" + TEMP_PREFIX
                        + "', which is reserved for writes in progress");
            }
        }
    }

    private static IllegalArgumentException reject(String name, String what, String why) {
        return new IllegalArgumentException(what + " '" + name + "' is unsafe: it " + why);
    }
}
