package io.firedrill.core.storage.file;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/** Deletes temporary files that writes killed mid-way left behind. */
final class StaleTemporaries {
    private StaleTemporaries() {
    }

    /**
     * Deletes every temporary file under {@code root} last modified before {@code cutoff}. Files that vanish
     * or cannot be deleted meanwhile are skipped.
     *
     * @return how many files were deleted
     */
    static int sweep(Path root, Instant cutoff) throws IOException {
        int[] deleted = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && ObjectPaths.isTemporary(file)
                        && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    try {
                        if (Files.deleteIfExists(file)) {
                            deleted[0]++;
                        }
                    } catch (IOException e) {
                        // left for the next sweep
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                return FileVisitResult.CONTINUE;
            }
        });
        return deleted[0];
    }
}
