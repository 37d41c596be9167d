package io.firedrill.core.storage.file;

import io.firedrill.api.StorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** Turns an {@link IOException} of a file operation into a {@link StorageException} with a useful hint. */
final class StorageFailures {
    private StorageFailures() {
    }

    /**
     * @param action what was being done, such as {@code "store"}
     * @param name the object name, or a prefix
     * @param root the storage root
     */
    static StorageException of(String action, String name, Path root, IOException failure) {
        String reason = reason(failure);
        String message = "cannot " + action + " " + name + " in file:" + root + ": " + reason;
        if (reason.contains("No space left") || reason.contains("Disk quota exceeded")) {
            return new StorageException(message, "free space on the disk holding " + root
                    + " (or raise the quota), for example by pruning old backups, then retry", false, failure);
        }
        if (failure instanceof AccessDeniedException || reason.contains("ermission denied")
                || reason.contains("Operation not permitted")) {
            return new StorageException(message, "give the user running Firedrill (" + System.getProperty("user.name")
                    + ") read and write permission on " + root + " and everything below it", false, failure);
        }
        if (reason.contains("Read-only file system")) {
            return new StorageException(message, "remount the file system holding " + root
                    + " read-write, or choose a writable repository location", false, failure);
        }
        return new StorageException(message, null, true, failure);
    }

    private static String reason(IOException failure) {
        if (failure instanceof AccessDeniedException) {
            FileSystemException denied = (FileSystemException) failure;
            return "permission denied on " + denied.getFile()
                    + (denied.getReason() == null ? "" : " (" + denied.getReason() + ")");
        }
        if (failure instanceof FileSystemException && ((FileSystemException) failure).getReason() == null) {
            return failure.getClass().getSimpleName() + " on " + ((FileSystemException) failure).getFile();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
