package io.firedrill.postgres.server;

import io.firedrill.core.process.ExternalCommand;
import io.firedrill.core.process.ServerLog;
import io.firedrill.core.process.ShutdownSafetyNet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL cluster run as a local process: a throw-away one made by {@link #initialize}, or one Firedrill
 * restored, opened by {@link #existing}. The server listens on 127.0.0.1 only, on the port given to
 * {@link #start(int)} (or a free one), with its Unix socket and log in a private directory under
 * {@code java.io.tmpdir}. The postmaster is a child of this JVM (through {@code runuser} when the JVM is root, see
 * {@link OsUser}), so it is reaped even where the container's init reaps nothing.
 *
 * <p>{@link #close()} always leaves no server behind (fast shutdown, then immediate, then SIGKILL), and a JVM
 * shutdown hook closes any process left open. Methods are thread-safe; a closed process cannot be started again.
 */
public final class PostgresProcess implements AutoCloseable {
    /** The superuser {@link #initialize} creates, and the user of {@link #jdbcUrl}. */
    public static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresProcess.class);
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration KILL_WAIT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS_ON_FREE_PORT = 3;

    private final PostgresInstallation installation;
    private final Path dataDir;
    private final OsUser osUser;
    private final Map<String, String> startSettings = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(60);
    private Path runDir;
    private Process server;
    private int port = -1;
    private boolean closed;

    private PostgresProcess(PostgresInstallation installation, Path dataDir, OsUser osUser) {
        this.installation = installation;
        this.dataDir = dataDir;
        this.osUser = osUser;
    }

    /**
     * Creates a new cluster in {@code dataDir} (absent or empty) with initdb: UTF8, locale C, trust
     * authentication, superuser {@value #SUPERUSER}, data checksums unless turned off. Appends to
     * {@code postgresql.conf} listen_addresses 127.0.0.1, wal_level replica, max_wal_senders and
     * max_replication_slots 10, fsync on, then the options' settings; replaces {@code pg_hba.conf} with trust for
     * all users and replication over the socket and loopback. The server is not started.
     *
     * @throws PostgresServerException when the directory is not empty, cannot be reached by the server user, or
     *     initdb fails (with its output)
     */
    public static PostgresProcess initialize(PostgresInstallation installation, Path dataDir, InitOptions options) {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(options, "options");
        Path dir = dataDir.toAbsolutePath().normalize();
        OsUser user = options.osUser().orElseGet(OsUser::forServer);
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw PostgresServerException.setup("cannot initialize a PostgreSQL cluster in " + dir
                                + ": the directory is not empty", "use an empty or new directory, or open the cluster "
                                + "in it with PostgresProcess.existing");
                    }
                }
            }
            user.requireReachable(dir);
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            user.takeOwnership(dir);
            List<String> initdb = new ArrayList<>(List.of(installation.bin("initdb").toString(), "-D", dir.toString(),
                    "-U", SUPERUSER, "--encoding=UTF8", "--locale=C", "--auth=trust"));
            if (options.dataChecksums()) {
                initdb.add("--data-checksums");
            }
            ExternalCommand.Result result = ExternalCommand.run(user.command(initdb), INITDB_TIMEOUT, PostgresInstallation.SERVER_ENVIRONMENT);
            if (!result.succeeded()) {
                throw PostgresServerException.failure("initdb failed for " + dir + " (exit code " + result.exitCode()
                        + ", as OS user " + user + "):\n" + result.output(), null, null);
            }
            ClusterFiles.appendSettings(dir, FreePort.pick(), options.settings());
            ClusterFiles.writeHba(dir);
        } catch (IOException e) {
            throw PostgresServerException.failure("could not prepare the PostgreSQL cluster in " + dir + ": " + e, null, e);
        }
        LOG.debug("initialized PostgreSQL {} cluster in {}", installation.version(), dir);
        return new PostgresProcess(installation, dir, user);
    }

    /**
     * Opens the cluster already in {@code dataDir} (one Firedrill restored), to run as {@link OsUser#forServer()}.
     *
     * @throws PostgresServerException when the directory holds no cluster, or one of another major version
     */
    public static PostgresProcess existing(PostgresInstallation installation, Path dataDir) {
        return existing(installation, dataDir, OsUser.forServer());
    }

    /** Like {@link #existing(PostgresInstallation, Path)}, run as {@code osUser}. */
    public static PostgresProcess existing(PostgresInstallation installation, Path dataDir, OsUser osUser) {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(osUser, "osUser");
        Path dir = dataDir.toAbsolutePath().normalize();
        Path versionFile = dir.resolve("PG_VERSION");
        String clusterMajor;
        try {
            clusterMajor = Files.readString(versionFile, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw PostgresServerException.setup("no PostgreSQL cluster in " + dir + ": cannot read " + versionFile
                    + " (" + e + ")", "restore a PostgreSQL data directory there, or use PostgresProcess.initialize");
        }
        if (!clusterMajor.equals(Integer.toString(installation.majorVersion()))) {
            throw PostgresServerException.setup("the cluster in " + dir + " is PostgreSQL " + clusterMajor + " but "
                    + installation + " is PostgreSQL " + installation.majorVersion(),
                    "use an installation of major version " + clusterMajor);
        }
        return new PostgresProcess(installation, dir, osUser);
    }

    /** How long {@link #start} waits for the server to accept connections (default 60 s). */
    public synchronized PostgresProcess startTimeout(Duration timeout) {
        this.startTimeout = requirePositive(timeout);
        return this;
    }

    /** How long {@link #stop} waits for a fast shutdown (default 60 s). */
    public synchronized PostgresProcess stopTimeout(Duration timeout) {
        this.stopTimeout = requirePositive(timeout);
        return this;
    }

    /**
     * A setting passed on the server's command line ({@code -c name=value}) at every later start, overriding the
     * configuration files: for instance to keep a restored cluster from archiving into production's archive.
     */
    public synchronized PostgresProcess startSetting(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("not a PostgreSQL setting name: " + name);
        }
        startSettings.put(name, value);
        return this;
    }

    /** Starts the server on a free loopback port; see {@link #start(int)}. */
    public synchronized PostgresProcess start() {
        for (int attempt = 1; ; attempt++) {
            int candidate = FreePort.pick();
            long logOffset = log().size();
            try {
                return start(candidate);
            } catch (PostgresServerException e) {
                boolean portTaken = log().since(logOffset).contains("could not bind");
                if (!portTaken || attempt == START_ATTEMPTS_ON_FREE_PORT) {
                    throw e;
                }
                LOG.debug("port {} was taken before PostgreSQL bound it; trying another", candidate);
            }
        }
    }

    /**
     * Starts the server on {@code port} and waits until it accepts connections (or answers a login attempt
     * with an authentication error), at most {@link #startTimeout}. Hands the data directory to the server
     * user and sets its mode to 0700 first.
     *
     * @throws PostgresServerException when the server exits or does not become ready in time; its message ends
     *     with the tail of the server log, and no server is left running
     */
    public synchronized PostgresProcess start(int port) {
        checkOpen();
        if (isRunning()) {
            throw new IllegalStateException("PostgreSQL in " + dataDir + " is already running on port " + this.port);
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        prepare();
        List<String> command = new ArrayList<>(List.of(installation.bin("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-k", runDir.toString(), "-c", "listen_addresses=127.0.0.1"));
        startSettings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        Path log = logFile();
        try {
            ProcessBuilder builder = ExternalCommand.builder(osUser.command(command), PostgresInstallation.SERVER_ENVIRONMENT);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            server = builder.start();
        } catch (IOException e) {
            throw PostgresServerException.failure("could not start " + command.get(0) + ": " + e, null, e);
        }
        this.port = port;
        ShutdownSafetyNet.register(this);
        awaitReady();
        LOG.debug("PostgreSQL {} in {} accepts connections on port {}", installation.version(), dataDir, port);
        return this;
    }

    private void prepare() {
        try {
            if (!Files.isDirectory(dataDir)) {
                throw PostgresServerException.setup("PostgreSQL data directory " + dataDir + " does not exist", null);
            }
            osUser.requireReachable(dataDir);
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dataDir);
            if (!mode.equals(PosixFilePermissions.fromString("rwx------"))
                    && !mode.equals(PosixFilePermissions.fromString("rwxr-x---"))) {
                Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            }
            osUser.takeOwnership(dataDir);
            removePidFileOfZombie();
            if (runDir == null) {
                Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
                // The socket path must fit in 107 bytes: runDir + "/.s.PGSQL.65535".
                Path base = tmp.toAbsolutePath().toString().length() > 60 ? Path.of("/tmp") : tmp;
                runDir = Files.createTempDirectory(base, "firedrill-pg-");
                Files.createFile(logFile());
            }
            osUser.takeOwnership(runDir);
        } catch (IOException e) {
            throw PostgresServerException.failure("could not prepare to start PostgreSQL in " + dataDir + ": " + e,
                    null, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        String lastProblem = "no attempt yet";
        while (true) {
            if (!server.isAlive()) {
                int code = server.exitValue();
                server = null;
                throw startFailure("PostgreSQL in " + dataDir + " exited with code " + code + " while starting");
            }
            try (Connection connection = connect("postgres", 2)) {
                connection.isValid(2);
                return;
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (state.startsWith("28") || state.equals("3D000")) {
                    return; // It answered: authentication or the database is the caller's business.
                }
                lastProblem = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                String log = logTail(40);
                stopQuietly();
                throw PostgresServerException.failure("PostgreSQL in " + dataDir + " did not accept connections on port "
                        + port + " within " + startTimeout.toSeconds() + " s (last attempt: " + lastProblem
                        + "); it was stopped. Server log, last lines:\n" + log,
                        "a restored cluster may still be replaying WAL: raise startTimeout", null);
            }
            sleep(100);
        }
    }

    private PostgresServerException startFailure(String what) {
        return PostgresServerException.failure(what + ". Server log, last lines:\n" + logTail(40),
                "the log above says why; a stale postmaster.pid or a taken port are common causes", null);
    }

    /**
     * Stops the server with a fast shutdown (pg_ctl stop -m fast) and waits, at most {@link #stopTimeout}. Does
     * nothing when it is not running.
     *
     * @throws PostgresServerException when it does not stop in time (it is left to {@link #close()})
     */
    public synchronized void stop() {
        stop("fast", stopTimeout);
    }

    private void stop(String mode, Duration timeout) {
        if (!isRunning()) {
            reap();
            return;
        }
        List<String> command = List.of(installation.bin("pg_ctl").toString(), "stop", "-D", dataDir.toString(),
                "-m", mode, "-w", "-t", Long.toString(Math.max(1, timeout.toSeconds())));
        ExternalCommand.Result result = ExternalCommand.run(osUser.command(command), timeout.plusSeconds(15), PostgresInstallation.SERVER_ENVIRONMENT);
        if (!result.succeeded() && isRunning()) {
            throw PostgresServerException.failure("pg_ctl stop -m " + mode + " failed for " + dataDir + " (exit code "
                    + result.exitCode() + "): " + result.output() + "\nServer log, last lines:\n" + logTail(20),
                    null, null);
        }
        reap();
    }

    /**
     * Kills the postmaster and every process it started with SIGKILL, as a power cut would, and waits until they
     * are gone. The next {@link #start} runs crash recovery.
     */
    public synchronized void kill() {
        List<ProcessHandle> victims = new ArrayList<>();
        OptionalLong pid = PostmasterPidFile.pid(dataDir);
        pid.ifPresent(p -> ProcessHandle.of(p).ifPresent(victims::add));
        if (server != null) {
            // Under runuser the postmaster is runuser's child: spare runuser, which reaps the postmaster and exits.
            // Killed first, runuser would leave the postmaster a zombie under an init that may never reap it, and
            // PostgreSQL refuses to start while the pid in postmaster.pid answers kill(pid, 0).
            server.descendants().forEach(victims::add);
            if (victims.isEmpty()) {
                victims.add(server.toHandle());
            }
        }
        pid.ifPresent(p -> ProcessHandle.of(p).ifPresent(h -> h.descendants().forEach(victims::add)));
        victims.forEach(ProcessHandle::destroyForcibly); // The postmaster first, so it restarts nothing.
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (victims.stream().anyMatch(h -> PostmasterPidFile.alive(h.pid())) && System.nanoTime() < deadline) {
            victims.stream().filter(h -> PostmasterPidFile.alive(h.pid())).forEach(ProcessHandle::destroyForcibly);
            sleep(20);
        }
        String survivors = victims.stream().filter(h -> PostmasterPidFile.alive(h.pid()))
                .map(h -> Long.toString(h.pid())).distinct().collect(Collectors.joining(", "));
        reap();
        if (!survivors.isEmpty()) {
            throw PostgresServerException.failure("PostgreSQL processes " + survivors + " of " + dataDir
                    + " survived SIGKILL", null, null);
        }
    }

    /** Stops (fast) and starts again on the same port; starts on a free port if it never ran. */
    public synchronized PostgresProcess restart() {
        int previous = port;
        stop();
        return previous > 0 ? start(previous) : start();
    }

    /**
     * Ends recovery of a standby or a cluster paused at its recovery target (pg_ctl promote), and waits until it
     * accepts writes.
     *
     * @throws PostgresServerException when it is not running, not in recovery, or promotion fails
     */
    public synchronized void promote() {
        checkRunning();
        List<String> command = List.of(installation.bin("pg_ctl").toString(), "promote", "-D", dataDir.toString(),
                "-w", "-t", Long.toString(Math.max(1, startTimeout.toSeconds())));
        ExternalCommand.Result result = ExternalCommand.run(osUser.command(command), startTimeout.plusSeconds(15), PostgresInstallation.SERVER_ENVIRONMENT);
        if (!result.succeeded()) {
            throw PostgresServerException.failure("pg_ctl promote failed for " + dataDir + " (exit code "
                    + result.exitCode() + "): " + result.output() + "\nServer log, last lines:\n" + logTail(20),
                    null, null);
        }
    }

    /**
     * The JDBC URL of {@code database} as {@value #SUPERUSER} over loopback TCP, such as
     * {@code jdbc:postgresql://127.0.0.1:54321/postgres?user=postgres}.
     *
     * @throws IllegalStateException when the server is not running
     */
    public synchronized String jdbcUrl(String database) {
        checkRunning();
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + Objects.requireNonNull(database, "database")
                + "?user=" + SUPERUSER;
    }

    /** A new connection to {@code database} as {@value #SUPERUSER}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return connect(database, 10);
    }

    private Connection connect(String database, int timeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, properties);
    }

    /** Runs SQL statements as {@value #SUPERUSER} in database {@code postgres}: for tests and setup scripts. */
    public void execute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw PostgresServerException.failure("SQL failed on PostgreSQL in " + dataDir + ": " + e.getMessage(), null, e);
        }
    }

    /** The port the server listens (or last listened) on; -1 before the first start. */
    public synchronized int port() {
        return port;
    }

    /** The data directory (absolute). */
    public Path dataDir() {
        return dataDir;
    }

    /** The installation the server runs from. */
    public PostgresInstallation installation() {
        return installation;
    }

    /** The OS user that owns the data directory and runs the server. */
    public OsUser osUser() {
        return osUser;
    }

    /** The directory holding the server's Unix socket and log, or {@code null} before the first start. */
    public synchronized Path socketDirectory() {
        return runDir;
    }

    /** Whether the postmaster is running. */
    public synchronized boolean isRunning() {
        if (server != null && server.isAlive()) {
            return true;
        }
        OptionalLong pid = PostmasterPidFile.pid(dataDir);
        return pid.isPresent() && PostmasterPidFile.alive(pid.getAsLong()) && ownedByUs(pid.getAsLong());
    }

    /** The postmaster's process id, when it is running. */
    public synchronized OptionalLong pid() {
        OptionalLong pid = PostmasterPidFile.pid(dataDir);
        return pid.isPresent() && PostmasterPidFile.alive(pid.getAsLong()) ? pid : OptionalLong.empty();
    }

    /**
     * The last {@code lines} lines of the server log (everything the server printed since the first start, until
     * {@link #close()} deletes it), or an empty string.
     */
    public synchronized String logTail(int lines) {
        return log().tail(lines);
    }

    /**
     * Stops the server if it runs (fast shutdown; then immediate; then SIGKILL), deletes the socket and log
     * directory, and leaves no PostgreSQL process behind. The data directory is kept. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stopQuietly();
        } finally {
            closed = true;
            ShutdownSafetyNet.unregister(this);
            ServerLog.deleteRunDirectory(runDir);
        }
    }

    private void stopQuietly() {
        try {
            stop("fast", Duration.ofSeconds(Math.min(30, stopTimeout.toSeconds())));
        } catch (RuntimeException fast) {
            LOG.warn("fast shutdown of PostgreSQL in {} failed, trying immediate: {}", dataDir, fast.getMessage());
            try {
                stop("immediate", Duration.ofSeconds(15));
            } catch (RuntimeException immediate) {
                LOG.warn("immediate shutdown of PostgreSQL in {} failed, killing it: {}", dataDir, immediate.getMessage());
            }
        }
        if (isRunning()) {
            kill();
        }
    }

    /**
     * A postmaster.pid naming a zombie (a postmaster killed and never reaped, as under a container init that reaps
     * nothing) blocks every start, though no server runs: PostgreSQL sees the pid answer kill(pid, 0). Such a file
     * is what a crash leaves behind, so it is removed, as a reboot would have made it harmless.
     */
    private void removePidFileOfZombie() throws IOException {
        OptionalLong pid = PostmasterPidFile.pid(dataDir);
        if (pid.isPresent() && PostmasterPidFile.zombie(pid.getAsLong())) {
            LOG.warn("removing {}: its postmaster {} is dead but unreaped (a zombie)", dataDir.resolve("postmaster.pid"),
                    pid.getAsLong());
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        }
    }

    /** Waits for the child (postgres, or runuser around it) to be gone, so nothing stays a zombie. */
    private void reap() {
        if (server != null) {
            try {
                if (!server.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /** Whether {@code pid} is our child's postmaster (a pid file left by another boot may name a stranger). */
    private boolean ownedByUs(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.endsWith("postgres")).orElse(true);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("PostgresProcess for " + dataDir + " is closed");
        }
    }

    private void checkRunning() {
        checkOpen();
        if (!isRunning()) {
            throw new IllegalStateException("PostgreSQL in " + dataDir + " is not running");
        }
    }

    private Path logFile() {
        return runDir.resolve("postgres.log");
    }

    private ServerLog log() {
        return ServerLog.at(runDir == null ? null : logFile());
    }

    private static Duration requirePositive(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PostgresServerException.failure("interrupted while waiting for PostgreSQL", null, e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + installation.version() + " in " + dataDir + (port > 0 ? " on port " + port : "");
    }
}
