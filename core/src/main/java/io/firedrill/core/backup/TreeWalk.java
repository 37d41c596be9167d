package io.firedrill.core.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a directory tree depth-first in name order without following symbolic links, so the same tree
 * always yields the same sequence (and the same manifest bytes). Sockets, pipes and devices are skipped.
 */
public final class TreeWalk {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWalk.class);

    /** Receives each node. */
    public interface Visitor {
        /**
         * One node.
         *
         * @param path absolute path
         * @param relative {@code /}-separated path from the root
         * @param attributes its attributes, not following links
         */
        void visit(Path path, String relative, BasicFileAttributes attributes) throws IOException;
    }

    private TreeWalk() {
    }

    /** Visits every directory, regular file and symbolic link under {@code root} (not the root itself). */
    public static void walk(Path root, Visitor visitor) {
        walk(root, relative -> false, visitor);
    }

    /**
     * Visits what lies under {@code root} except the paths {@code exclude} accepts (relative, {@code /}-separated;
     * an excluded directory is skipped with its contents).
     */
    public static void walk(Path root, Predicate<String> exclude, Visitor visitor) {
        try {
            walkDirectory(root, "", exclude, visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + root + " failed: " + e.getMessage(), e);
        }
    }

    private static void walkDirectory(Path dir, String prefix, Predicate<String> exclude, Visitor visitor)
            throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path child : children) {
            String relative = prefix + child.getFileName().toString();
            if (exclude.test(relative)) {
                continue;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException gone) {
                LOG.debug("{} vanished during the backup", child);
                continue;
            }
            if (attrs.isDirectory()) {
                visitor.visit(child, relative, attrs);
                walkDirectory(child, relative + "/", exclude, visitor);
            } else if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                visitor.visit(child, relative, attrs);
            } else {
                LOG.warn("skipping {}: not a regular file, directory or symbolic link", child);
            }
        }
    }
}
