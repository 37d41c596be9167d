package io.firedrill.mysql.server;

import io.firedrill.core.process.ExternalCommand;
import io.firedrill.core.process.ServerLog;
import io.firedrill.core.process.ShutdownSafetyNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL or MariaDB server run as a local process: a throw-away one made by {@link #initialize}, or one Firedrill
 * restored, opened by {@link #existing}. It reads no option file ({@code --no-defaults}), listens on 127.0.0.1 only,
 * on the port given to {@link #start(int)} (or a free one), with its Unix socket, pid file and log in a private
 * directory under {@code /tmp}. Binary logging is on ({@code log-bin}, {@code server-id}, {@code binlog_format=ROW}),
 * with GTIDs ({@code gtid_mode=ON}, {@code enforce_gtid_consistency=ON}) on MySQL; MariaDB always has GTIDs. MySQL's
 * X Protocol is off, so parallel servers do not fight over its port. MariaDB 11.4 and later run without TLS
 * ({@code --skip-ssl}; {@code option("ssl", "")} turns it back on): on loopback it protects nothing, and without a
 * configured certificate these versions generate an RSA key at every start, which takes seconds.
 *
 * <p>When the JVM is root the server runs as root ({@code --user=root}): both servers refuse root without it, and
 * unlike an unprivileged user it needs no OS account (the MySQL binaries from Maven Central come without one) and no
 * change of ownership of restored files. Otherwise it runs as the JVM's own user.
 *
 * <p>{@link #close()} always leaves no server behind (SIGTERM, then SIGKILL), and a JVM shutdown hook closes any
 * process left open. Methods are thread-safe; a closed process cannot be started again.
 */
public final class MysqlProcess implements AutoCloseable {
    /** The administrative user {@link #initialize} creates, with an empty password, and the user of {@link #jdbcUrl}. */
    public static final String SUPERUSER = "root";

    private static final Logger LOG = LoggerFactory.getLogger(MysqlProcess.class);
    private static final Duration INITIALIZE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration KILL_WAIT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS_ON_FREE_PORT = 3;

    private final MysqlInstallation installation;
    private final Path dataDir;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(60);
    private Path runDir;
    private Process server;
    private int port = -1;
    private boolean closed;

    private MysqlProcess(MysqlInstallation installation, Path dataDir) {
        this.installation = installation;
        this.dataDir = dataDir;
        options.put("server-id", "1");
    }

    /**
     * Creates a new data directory in {@code dataDir} (absent or empty) with user {@value #SUPERUSER} and an
     * empty password; see {@link MysqlInstallation}. The server is not started.
     *
     * @throws MysqlServerException when the directory is not empty or initialization fails (with its output)
     */
    public static MysqlProcess initialize(MysqlInstallation installation, Path dataDir) {
        Objects.requireNonNull(installation, "installation");
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw MysqlServerException.setup("cannot initialize a " + installation.flavor()
                                + " data directory in " + dir + ": the directory is not empty",
                                "use an empty or new directory, or open the data in it with MysqlProcess.existing");
                    }
                }
                // mysqld --initialize wants to create the directory itself, or find it empty: both are fine.
            } else {
                Files.createDirectories(dir.getParent());
            }
        } catch (IOException e) {
            throw MysqlServerException.failure("could not prepare " + dir + ": " + e, null, e);
        }
        // A private temporary directory: concurrent initializations sharing /tmp collide on their temporary tables.
        Path tmp;
        try {
            tmp = Files.createTempDirectory("firedrill-init-");
        } catch (IOException e) {
            throw MysqlServerException.failure("could not create a temporary directory: " + e, null, e);
        }
        List<String> command = new java.util.ArrayList<>(installation.initializeCommand(dir, userOption()));
        command.add("--tmpdir=" + tmp);
        ExternalCommand.Result result;
        try {
            result = ExternalCommand.run(command, INITIALIZE_TIMEOUT, MysqlInstallation.SERVER_ENVIRONMENT);
        } finally {
            try {
                org.apache.commons.io.file.PathUtils.deleteDirectory(tmp);
            } catch (IOException e) {
                LOG.debug("could not delete {}: {}", tmp, e.toString());
            }
        }
        if (!result.succeeded()) {
            throw MysqlServerException.failure("initializing " + installation + " in " + dir + " failed (exit code "
                    + result.exitCode() + "): " + String.join(" ", command) + "\n" + result.output(), null, null);
        }
        LOG.debug("initialized {} data directory {}", installation, dir);
        return new MysqlProcess(installation, dir);
    }

    /**
     * Opens the data directory already in {@code dataDir} (one Firedrill restored).
     *
     * @throws MysqlServerException when the directory holds no data directory (no {@code mysql} schema)
     */
    public static MysqlProcess existing(MysqlInstallation installation, Path dataDir) {
        Objects.requireNonNull(installation, "installation");
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("mysql"))) {
            throw MysqlServerException.setup("no " + installation.flavor() + " data directory in " + dir
                    + ": it has no mysql/ schema directory", "restore a data directory there, or use MysqlProcess.initialize");
        }
        return new MysqlProcess(installation, dir);
    }

    /** How long {@link #start} waits for the server to accept connections (default 60 s). */
    public synchronized MysqlProcess startTimeout(Duration timeout) {
        this.startTimeout = requirePositive(timeout);
        return this;
    }

    /** How long {@link #stop} waits after SIGTERM (default 60 s). */
    public synchronized MysqlProcess stopTimeout(Duration timeout) {
        this.stopTimeout = requirePositive(timeout);
        return this;
    }

    /**
     * A server option ({@code --name=value}) passed at every later start, after Firedrill's own, so it overrides
     * them: {@code server-id} (default 1), {@code skip-log-bin} with an empty value to turn binary logging off, or
     * {@code ssl} with an empty value to turn TLS back on for MariaDB 11.4 and later.
     */
    public synchronized MysqlProcess option(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("not a server option name: " + name);
        }
        options.put(name, value);
        return this;
    }

    /** Starts the server on a free loopback port; see {@link #start(int)}. */
    public synchronized MysqlProcess start() {
        for (int attempt = 1; ; attempt++) {
            int candidate = FreePort.pick();
            long logOffset = log().size();
            try {
                return start(candidate);
            } catch (MysqlServerException e) {
                String log = log().since(logOffset);
                boolean portTaken = log.contains("Address already in use") || log.contains("Can't start server: Bind");
                if (!portTaken || attempt == START_ATTEMPTS_ON_FREE_PORT) {
                    throw e;
                }
                LOG.debug("port {} was taken before the server bound it; trying another", candidate);
            }
        }
    }

    /**
     * Starts the server on {@code port} and waits until it accepts a JDBC connection, at most {@link #startTimeout}.
     *
     * @throws MysqlServerException when the server exits or does not become ready in time; its message ends with
     *     the tail of the server log, and no server is left running
     */
    public synchronized MysqlProcess start(int port) {
        checkOpen();
        if (isRunning()) {
            throw new IllegalStateException(this + " is already running");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        if (!Files.isDirectory(dataDir)) {
            throw MysqlServerException.setup("data directory " + dataDir + " does not exist", null);
        }
        prepareRunDir();
        List<String> command = new ArrayList<>(List.of(installation.server().toString(), "--no-defaults",
                "--basedir=" + installation.baseDir(), "--datadir=" + dataDir, "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + runDir.resolve("mysqld.sock"),
                "--pid-file=" + runDir.resolve("mysqld.pid"), "--tmpdir=" + runDir,
                "--log-bin=binlog", "--binlog-format=ROW"));
        if (installation.flavor() == MysqlFlavor.MYSQL) {
            command.addAll(List.of("--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--mysqlx=OFF"));
        } else if (installation.majorMinor() >= 1104) {
            // Without a certificate, MariaDB 11.4 makes a 4096-bit RSA key at every start: 10 s and more of CPU.
            command.add("--skip-ssl");
        }
        command.addAll(userOption());
        options.forEach((name, value) -> command.add(value.isEmpty() ? "--" + name : "--" + name + "=" + value));
        try {
            ProcessBuilder builder = ExternalCommand.builder(command, MysqlInstallation.SERVER_ENVIRONMENT);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            server = builder.start();
        } catch (IOException e) {
            throw MysqlServerException.failure("could not start " + command.get(0) + ": " + e, null, e);
        }
        this.port = port;
        ShutdownSafetyNet.register(this);
        awaitReady();
        LOG.debug("{} accepts connections", this);
        return this;
    }

    private void prepareRunDir() {
        if (runDir != null) {
            return;
        }
        try {
            // The socket path must fit in 107 bytes, so the run directory is short and under /tmp.
            runDir = Files.createTempDirectory(Path.of("/tmp"), "firedrill-my-");
            Files.createFile(logFile());
        } catch (IOException e) {
            throw MysqlServerException.failure("could not create a run directory under /tmp: " + e, null, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        String lastProblem = "no attempt yet";
        while (true) {
            if (!server.isAlive()) {
                int code = server.exitValue();
                server = null;
                throw MysqlServerException.failure(installation + " in " + dataDir + " exited with code " + code
                        + " while starting. Server log, last lines:\n" + logTail(40),
                        "the log above says why; a taken port or a data directory of another version are common causes",
                        null);
            }
            try (Connection connection = connect(2)) {
                connection.isValid(2);
                return;
            } catch (SQLException e) {
                lastProblem = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                String log = logTail(40);
                stopQuietly();
                throw MysqlServerException.failure(installation + " in " + dataDir + " did not accept connections on port "
                        + port + " within " + startTimeout.toSeconds() + " s (last attempt: " + lastProblem
                        + "); it was stopped. Server log, last lines:\n" + log,
                        "crash recovery of a large data directory can take long: raise startTimeout", null);
            }
            sleep(100);
        }
    }

    /**
     * Stops the server with SIGTERM (a clean shutdown) and waits, at most {@link #stopTimeout}. Does nothing when
     * it is not running.
     *
     * @throws MysqlServerException when it does not stop in time (it is left to {@link #close()})
     */
    public synchronized void stop() {
        stop(stopTimeout);
    }

    private void stop(Duration timeout) {
        if (server == null) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw MysqlServerException.failure(this + " did not stop within " + timeout.toSeconds()
                        + " s of SIGTERM. Server log, last lines:\n" + logTail(20), null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MysqlServerException.failure("interrupted while stopping " + this, null, e);
        }
        server = null;
    }

    /**
     * Kills the server with SIGKILL, as a power cut would, and waits until it is gone. The next {@link #start} runs
     * crash recovery.
     */
    public synchronized void kill() {
        if (server == null) {
            return;
        }
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
        try {
            if (!server.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw MysqlServerException.failure(this + " survived SIGKILL for " + KILL_WAIT.toSeconds() + " s", null,
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MysqlServerException.failure("interrupted while killing " + this, null, e);
        }
        server = null;
    }

    /** Stops (cleanly) and starts again on the same port; starts on a free port if it never ran. */
    public synchronized MysqlProcess restart() {
        int previous = port;
        stop();
        return previous > 0 ? start(previous) : start();
    }

    /**
     * The JDBC URL as {@value #SUPERUSER} over loopback TCP for MariaDB Connector/J, which speaks to MySQL too, such
     * as {@code jdbc:mariadb://127.0.0.1:33061/?user=root}.
     *
     * @throws IllegalStateException when the server is not running
     */
    public synchronized String jdbcUrl() {
        checkRunning();
        return "jdbc:mariadb://127.0.0.1:" + port + "/?user=" + SUPERUSER;
    }

    /** A new connection as {@value #SUPERUSER}, no default database; the caller closes it. */
    public Connection connect() throws SQLException {
        return connect(10);
    }

    private Connection connect(int timeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", "");
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds * 1000));
        // MySQL 8 authenticates root with caching_sha2_password; an empty password needs no RSA key exchange.
        properties.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port() + "/", properties);
    }

    /** Runs one SQL statement as {@value #SUPERUSER}: for tests and setup scripts. */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw MysqlServerException.failure("SQL failed on " + this + ": " + e.getMessage(), null, e);
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
    public MysqlInstallation installation() {
        return installation;
    }

    /** The Unix socket path, or {@code null} before the first start. */
    public synchronized Path socket() {
        return runDir == null ? null : runDir.resolve("mysqld.sock");
    }

    /** Whether the server process is running. */
    public synchronized boolean isRunning() {
        return server != null && server.isAlive();
    }

    /** The server's process id, when it is running. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(server.pid()) : OptionalLong.empty();
    }

    /**
     * The last {@code lines} lines of the server log (everything the server printed since the first start, until
     * {@link #close()} deletes it), or an empty string.
     */
    public synchronized String logTail(int lines) {
        return log().tail(lines);
    }

    /**
     * Stops the server if it runs (SIGTERM, then SIGKILL), deletes the socket and log directory, and leaves no
     * server process behind. The data directory is kept. Idempotent.
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
            stop(Duration.ofSeconds(Math.min(30, stopTimeout.toSeconds())));
        } catch (RuntimeException e) {
            LOG.warn("clean shutdown of {} failed, killing it: {}", this, e.getMessage());
        }
        kill();
    }

    /** {@code --user=root} when the JVM is root (both servers refuse root otherwise), else nothing. */
    private static List<String> userOption() {
        return jvmIsRoot() ? List.of("--user=root") : List.of();
    }

    private static boolean jvmIsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("MysqlProcess for " + dataDir + " is closed");
        }
    }

    private void checkRunning() {
        checkOpen();
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running");
        }
    }

    private Path logFile() {
        return runDir.resolve("mysqld.log");
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
            throw MysqlServerException.failure("interrupted while waiting for the server", null, e);
        }
    }

    @Override
    public String toString() {
        return installation + " in " + dataDir + (port > 0 ? " on port " + port : "");
    }
}
