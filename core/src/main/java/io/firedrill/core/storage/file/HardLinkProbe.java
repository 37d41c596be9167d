package io.firedrill.core.storage.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds out whether a directory's file system supports hard links, which atomic create-if-absent relies
 * on. Some network and FAT-like file systems do not.
 */
final class HardLinkProbe {
    private HardLinkProbe() {
    }

    static boolean supported(Path directory) {
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        Path file = directory.resolve(ObjectPaths.TEMP_PREFIX + "probe-" + token);
        Path link = directory.resolve(ObjectPaths.TEMP_PREFIX + "probe-link-" + token);
        try {
            Files.createFile(file);
            Files.createLink(link, file);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        } finally {
            TempWriter.deleteQuietly(link);
            TempWriter.deleteQuietly(file);
        }
    }
}
