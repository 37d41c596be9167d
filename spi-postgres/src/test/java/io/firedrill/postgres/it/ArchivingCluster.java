package io.firedrill.postgres.it;

import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.postgres.server.InitOptions;
import io.firedrill.postgres.server.Installations;
import io.firedrill.postgres.server.OsUser;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.commons.io.file.PathUtils;

/**
 * A throw-away PostgreSQL cluster that archives its WAL into a Firedrill repository through Firedrill's
 * {@code archive_command}, run by the server's OS user: the repository root is shared (mode 0777, new
 * directories inherit it), and the class path is copied where that user can read it.
 */
public final class ArchivingCluster implements AutoCloseable {
    static final char[] PASSPHRASE = "integration test passphrase".toCharArray();

    private final Path base;
    private final Path repository;
    private final PostgresProcess server;
    private final String archiveCommand;

    private ArchivingCluster(Path base, Path repository, PostgresProcess server, String archiveCommand) {
        this.base = base;
        this.repository = repository;
        this.server = server;
        this.archiveCommand = archiveCommand;
    }

    /** The archive_command this cluster uses, for other servers of the same stream. */
    public String archiveCommand() {
        return archiveCommand;
    }

    /** Creates the repository and a running cluster of {@code installation} archiving into it. */
    public static ArchivingCluster start(PostgresInstallation installation, Path tempDir) throws IOException {
        Path base = Installations.reachable(tempDir, "cluster");
        Files.createDirectories(base);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path repository = base.resolve("repository");
        Files.createDirectories(repository);
        Files.setPosixFilePermissions(repository, PosixFilePermissions.fromString("rwxrwxrwx"));
        Firedrill.configure().repository(repository).passphrase(PASSPHRASE)
                .init(Encryption.passphrase(PASSPHRASE).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
        Path secret = base.resolve("passphrase");
        Files.writeString(secret, new String(PASSPHRASE), StandardCharsets.UTF_8);
        Path config = base.resolve("firedrill.properties");
        Files.writeString(config, "repository=" + repository.toUri() + "\npassphrase-file=" + secret + "\n",
                StandardCharsets.UTF_8);
        String classpath = copyClassPath(base.resolve("lib"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // PostgreSQL 15 and older cut archive_command at 1024 characters: a manifest jar keeps it short.
        String command = java + " -XX:TieredStopAtLevel=1 -cp " + classpath
                + " io.firedrill.postgres.archive.ArchiveCommand push %p --config " + config;
        InitOptions options = InitOptions.defaults().withSettings(Map.of("archive_mode", "on",
                "archive_command", command, "max_wal_size", "64MB"));
        PostgresProcess server = PostgresProcess.initialize(installation, base.resolve("primary"), options);
        server.start();
        return new ArchivingCluster(base, repository, server, command);
    }

    /** Opens the repository. */
    public Firedrill firedrill() {
        return Firedrill.configure().repository(repository).passphrase(PASSPHRASE).lockWait(java.time.Duration.ofMinutes(2))
                .load();
    }

    /** Takes a backup of the primary; on failure the server log is added to the error. */
    public io.firedrill.api.BackupResult backup(Firedrill firedrill) {
        try {
            return firedrill.backup().database(server.jdbcUrl("postgres")).run();
        } catch (RuntimeException e) {
            throw new AssertionError("backup failed; server log:\n" + server.logTail(40), e);
        }
    }

    /** The running primary. */
    public PostgresProcess server() {
        return server;
    }

    /** A directory the server's OS user can use, for restores. */
    public Path directory(String name) {
        return base.resolve(name);
    }

    /** Runs SQL on the primary. */
    public void sql(String sql) {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("SQL failed: " + sql, e);
        }
    }

    /** The rows of a query, each row's columns joined with '|'. */
    public static List<String> rows(PostgresProcess server, String sql) {
        try (Connection c = server.connect("postgres")) {
            return rows(c, sql);
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    /** The rows of a query on an open connection, each row's columns joined with '|'. */
    public static List<String> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(b.toString());
            }
            return rows;
        }
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Switches WAL and waits until the server has archived everything so far. */
    public void archiveEverything() {
        archiveEverything(server);
    }

    /** Switches WAL on {@code server} and waits until it has archived everything so far. */
    public static void archiveEverything(PostgresProcess server) {
        String last = rows(server, "select pg_walfile_name(pg_switch_wal())").get(0);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            String archived = rows(server, "select coalesce(last_archived_wal, '') from pg_stat_archiver").get(0);
            if (archived.compareTo(last) >= 0) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("WAL up to " + last + " was not archived in time; server log:\n" + server.logTail(40));
    }

    @Override
    public void close() {
        server.close();
    }

    private static String copyClassPath(Path lib) throws IOException {
        Files.createDirectories(lib);
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = lib.resolve(i++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                PathUtils.copyDirectory(source, target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            entries.add(target.toString());
        }
        try (var walk = Files.walk(lib)) {
            walk.forEach(p -> {
                try {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p)
                            ? "rwxr-xr-x" : "rw-r--r--"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Path launcher = lib.resolve("launcher.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries.stream()
                .map(e -> Path.of(e).toUri().toString()).toList()));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(launcher), manifest)) {
            jar.flush();
        }
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rw-r--r--"));
        OsUser.forServer().requireReachable(lib);
        return launcher.toString();
    }
}
