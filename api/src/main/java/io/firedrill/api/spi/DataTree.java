package io.firedrill.api.spi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One directory tree an engine asks the core to copy into a backup, such as a PostgreSQL data directory or a
 * tablespace.
 *
 * @param name where the tree goes in the backup and, on restore, under the target directory: {@code ""} for the
 *     target itself, or a relative path such as {@code pg_tblspc/16385}
 * @param root the directory to read
 * @param exclude paths (relative to {@code root}, {@code /}-separated) to leave out; an excluded directory is left
 *     out with everything under it
 */
public record DataTree(String name, Path root, Predicate<String> exclude) {
    /** Validates. */
    public DataTree {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(exclude, "exclude");
        if (name.startsWith("/") || name.contains("..") || name.endsWith("/")) {
            throw new IllegalArgumentException("tree name '" + name + "' must be a relative path without '..'");
        }
    }
}
