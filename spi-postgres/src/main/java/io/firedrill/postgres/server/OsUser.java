package io.firedrill.postgres.server;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operating-system user a PostgreSQL server runs as, and owns its data directory. PostgreSQL refuses to run
 * as root, so when the JVM is root, programs run through {@code runuser -u <user> --} and the files they need are
 * handed to that user first; otherwise they run as the JVM's own user and nothing changes hands.
 */
public final class OsUser {
    /** The user a server runs as when the JVM is root and nothing else was asked for. */
    public static final String DEFAULT_SERVER_USER = "postgres";

    private final String name;
    private final boolean switched;
    private final UserPrincipal principal;

    private OsUser(String name, boolean switched, UserPrincipal principal) {
        this.name = name;
        this.switched = switched;
        this.principal = principal;
    }

    /**
     * The user servers run as by default: {@value #DEFAULT_SERVER_USER} when the JVM is root, else the JVM's own
     * user.
     *
     * @throws PostgresServerException when the JVM is root and there is no {@value #DEFAULT_SERVER_USER} user
     */
    public static OsUser forServer() {
        return jvmIsRoot() ? named(DEFAULT_SERVER_USER) : current();
    }

    /** The JVM's own user: programs run directly, nothing is handed over. */
    public static OsUser current() {
        return new OsUser(System.getProperty("user.name"), false, null);
    }

    /**
     * A named user. Only root can run programs as another user, so for a JVM that is not root the name must be
     * its own.
     *
     * @throws PostgresServerException when the user does not exist, is root, or cannot be switched to
     */
    public static OsUser named(String name) {
        Objects.requireNonNull(name, "name");
        if (!jvmIsRoot()) {
            if (name.equals(System.getProperty("user.name"))) {
                return current();
            }
            throw PostgresServerException.setup("cannot run PostgreSQL as OS user '" + name + "': the JVM runs as '"
                    + System.getProperty("user.name") + "', and only root can run programs as another user",
                    "leave the server user unset to run PostgreSQL as the JVM's own user");
        }
        if (name.equals("root")) {
            throw PostgresServerException.setup("PostgreSQL refuses to run as root",
                    "run it as an unprivileged user such as '" + DEFAULT_SERVER_USER + "'");
        }
        try {
            UserPrincipal principal = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return new OsUser(name, true, principal);
        } catch (UserPrincipalNotFoundException e) {
            throw PostgresServerException.setup("the JVM runs as root, which PostgreSQL refuses, and OS user '" + name
                    + "' to run it as does not exist",
                    "create it (Debian: install postgresql-common, or `useradd --system --user-group --home-dir "
                            + "/var/lib/postgresql --shell /bin/bash " + name + "`), or run the JVM as another user");
        } catch (IOException e) {
            throw PostgresServerException.failure("could not look up OS user '" + name + "': " + e.getMessage(), null, e);
        }
    }

    /** Whether the JVM runs with user id 0. */
    public static boolean jvmIsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The user's login name. */
    public String name() {
        return name;
    }

    /** Whether programs run as this user through {@code runuser} (the JVM is root), rather than directly. */
    public boolean switched() {
        return switched;
    }

    /** {@code command}, prefixed so that it runs as this user. */
    public List<String> command(List<String> command) {
        if (!switched) {
            return List.copyOf(command);
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", name, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Makes this user the owner of {@code path} and, for a directory, of everything under it (symbolic links
     * themselves, not their targets). Nothing to do when programs run as the JVM's own user.
     */
    public void takeOwnership(Path path) {
        if (!switched) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    own(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    own(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw PostgresServerException.failure("could not hand " + path + " to OS user '" + name + "': " + e, null, e);
        }
    }

    private void own(Path path) throws IOException {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(principal);
    }

    /**
     * Checks that this user can reach {@code path}: every existing directory above it must be searchable by the
     * user. A JUnit or {@code Files.createTempDirectory} directory (mode 0700, owned by root) is not.
     *
     * @throws PostgresServerException naming the first directory the user cannot enter
     */
    public void requireReachable(Path path) {
        if (!switched) {
            return;
        }
        for (Path dir = path.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            PosixFileAttributes attrs;
            try {
                attrs = Files.readAttributes(dir, PosixFileAttributes.class);
            } catch (IOException e) {
                continue; // Not there yet: created later, by root, with the default mode.
            }
            boolean searchable = attrs.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
                    || attrs.permissions().contains(PosixFilePermission.GROUP_EXECUTE)
                    || attrs.owner().getName().equals(name) && attrs.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
            if (!searchable) {
                throw PostgresServerException.setup("PostgreSQL runs as OS user '" + name + "' (the JVM is root), which "
                        + "cannot enter " + dir + " (owner " + attrs.owner().getName() + ", mode "
                        + PosixFilePermissions.toString(attrs.permissions()) + ") on the way to " + path,
                        "grant search permission (chmod o+x " + dir + ") or put the directory elsewhere");
            }
        }
    }

    @Override
    public String toString() {
        return switched ? name + " (via runuser)" : name;
    }
}
