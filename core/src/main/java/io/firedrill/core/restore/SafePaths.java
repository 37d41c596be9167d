package io.firedrill.core.restore;

import io.firedrill.api.CorruptObjectException;
import java.nio.file.Path;

/** Resolves manifest paths under a restore target, refusing anything that could escape it. */
final class SafePaths {
    private SafePaths() {
    }

    /**
     * The target path of a manifest entry.
     *
     * @throws CorruptObjectException when the path is empty, absolute, or has {@code .}, {@code ..} or empty
     *     segments
     */
    static Path resolve(Path root, String relative, String backupObject) {
        if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")
                || relative.indexOf('\0') >= 0) {
            throw unsafe(relative, backupObject);
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw unsafe(relative, backupObject);
            }
        }
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw unsafe(relative, backupObject);
        }
        return resolved;
    }

    private static CorruptObjectException unsafe(String relative, String backupObject) {
        return new CorruptObjectException(backupObject, "its manifest names the unsafe path '" + relative
                + "', which could write outside the restore target; nothing outside the target was written");
    }
}
