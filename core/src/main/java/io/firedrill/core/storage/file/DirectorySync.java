package io.firedrill.core.storage.file;

import io.firedrill.api.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates directories durably and flushes directory entries to disk. */
final class DirectorySync {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);

    private DirectorySync() {
    }

    /**
     * Makes sure {@code directory}, which lies under {@code root}, exists, creating missing levels from the
     * top down and flushing each new entry's parent.
     *
     * @param name the object being stored, for messages
     * @throws StorageException when a level exists as a file, that is as an object
     */
    static void ensure(Path root, Path directory, String name) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path current = root;
        for (Path level : root.relativize(directory)) {
            Path parent = current;
            current = current.resolve(level);
            if (Files.isDirectory(current)) {
                continue;
            }
            try {
                Files.createDirectory(current);
                inheritPermissions(parent, current);
                force(parent);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(current)) {
                    throw new StorageException("cannot store " + name + " in file:" + root + ": "
                            + current + " is a file (an object), not a directory", "an object name must not also be "
                            + "used as a prefix directory; choose another name or delete the object "
                            + root.relativize(current), false, e);
                }
            }
        }
    }

    /**
     * Gives a new directory its parent's permissions (not masked by the umask), so a repository whose root is
     * group- or world-writable stays writable by every OS user that shares it, such as the database server's
     * user running {@code archive_command} and the backup job's user.
     */
    private static void inheritPermissions(Path parent, Path created) {
        try {
            Files.setPosixFilePermissions(created, Files.getPosixFilePermissions(parent));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("could not copy the permissions of {} to {}: {}", parent, created, e.getMessage());
        }
    }

    /**
     * Flushes a directory's entries (created, renamed or deleted names) to disk. Some file systems refuse to
     * open or flush directories; there the entries are as durable as the file system makes them anyway.
     */
    static void force(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot flush directory {} ({}); relying on the file system's own ordering", directory,
                    e.toString());
        }
    }

    /** Whether a path is a directory, without following a final symbolic link. */
    static boolean isDirectory(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }
}
