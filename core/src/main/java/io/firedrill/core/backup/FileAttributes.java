package io.firedrill.core.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Converts between POSIX permission sets and mode bits. */
public final class FileAttributes {
    private static final PosixFilePermission[] ORDER = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private FileAttributes() {
    }

    /** The permission bits of a file, or {@code null} on a file system without POSIX permissions. */
    public static Integer mode(Path path) throws IOException {
        try {
            return toMode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** Mode bits of a permission set. */
    public static int toMode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int i = 0; i < ORDER.length; i++) {
            if (permissions.contains(ORDER[i])) {
                mode |= 1 << i;
            }
        }
        return mode;
    }

    /** The permission set of mode bits. */
    public static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < ORDER.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(ORDER[i]);
            }
        }
        return set;
    }
}
