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
 * @param inspector what looks at every chunk of every regular file as it is read (such as a page-checksum check);
 *     {@link ContentInspector#NONE} when nothing does ({@code null} is taken as that)
 */
public record DataTree(String name, Path root, Predicate<String> exclude, ContentInspector inspector) {
    /** Validates; a {@code null} inspector becomes {@link ContentInspector#NONE}. */
    public DataTree {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(exclude, "exclude");
        if (inspector == null) {
            inspector = ContentInspector.NONE;
        }
        if (name.startsWith("/") || name.contains("..") || name.endsWith("/")) {
            throw new IllegalArgumentException("tree name '" + name + "' must be a relative path without '..'");
        }
    }

    /**
     * A tree whose contents nobody inspects.
     *
     * @param name see {@link #name()}
     * @param root see {@link #root()}
     * @param exclude see {@link #exclude()}
     */
    public DataTree(String name, Path root, Predicate<String> exclude) {
        this(name, root, exclude, ContentInspector.NONE);
    }

    /** Whether an inspector looks at this tree's contents. */
    public boolean inspected() {
        return inspector != ContentInspector.NONE;
    }
}
