package io.firedrill.examples.benchmark;

import io.firedrill.api.BackupResult;
import io.firedrill.api.BackupStats;
import io.firedrill.api.Compression;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.RestoreResult;
import io.firedrill.postgres.server.InitOptions;
import io.firedrill.postgres.server.OsUser;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Firedrill against pgBackRest on the same PostgreSQL cluster in the same run: a pgbench database, a full backup,
 * a backup after 1% of the rows changed (scattered over every page, and again in one contiguous key range),
 * restores, and optionally restore plus recovery to consistency. Both tools compress with zstd level 3 on 2
 * workers and encrypt their repository; the cluster's archive_command pushes every WAL segment to both. Before
 * every timed step the cluster is checkpointed, all WAL is archived and the page cache is dropped. Prints a
 * Markdown report and writes it to a file.
 *
 * <p>Must run as root (the server and pgBackRest run as the {@code postgres} OS user through runuser), with
 * pgBackRest and GNU time installed. See docs/benchmarks.md for the command line and results.
 */
public final class PostgresBenchmark {
    private static final double MIB = 1024.0 * 1024.0;
    private static final String MARKER = ".firedrill-pgbench";
    private static final String STANZA = "bench";
    private static final char[] PASSPHRASE = "benchmark passphrase, not a secret".toCharArray();
    private static final String PGBR_CIPHER_PASS = "benchmark cipher passphrase, not a secret";

    /** One timed step of one tool. Memory figures are -1 when not applicable. */
    record Step(String name, String tool, double seconds, double syncSeconds, double cpuOwn, double cpuOther,
                long repoOnDisk, long repoGrowth, long backupBytes, long heapPoolPeak, long heapLive,
                long rssPeak, long rssTreePeak, String note) {
    }

    private final Options options;
    private final Path work;
    private final Path fdRepo;
    private final Path pgbr;
    private final Path pgbrRepo;
    private final Path pgbrConf;
    private final OsUser postgres = OsUser.forServer();
    private final PostgresInstallation installation;
    private final HeapMeter heap = new HeapMeter();
    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> data = new LinkedHashMap<>();
    private PostgresProcess server;
    private int timeFile;

    record Options(Path workDir, int scale, int level, int workers, Path pgBin, boolean recovery, Path report) {
        static Options parse(String[] args) {
            Path work = Path.of("/tmp/firedrill-pgbench");
            int scale = 100;
            int level = 3;
            int workers = 2;
            Path pgBin = Path.of("/usr/lib/postgresql/15/bin");
            boolean recovery = true;
            Path report = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--work-dir" -> work = Path.of(args[++i]);
                    case "--scale" -> scale = Integer.parseInt(args[++i]);
                    case "--level" -> level = Integer.parseInt(args[++i]);
                    case "--workers" -> workers = Integer.parseInt(args[++i]);
                    case "--pg-bin" -> pgBin = Path.of(args[++i]);
                    case "--no-recovery" -> recovery = false;
                    case "--report" -> report = Path.of(args[++i]);
                    case "--help" -> throw new IllegalArgumentException("""
                            usage: PostgresBenchmark [--work-dir DIR (default /tmp/firedrill-pgbench, wiped)]
                              [--scale N (pgbench scale, default 100 = about 1.5 GiB)] [--level 3] [--workers 2]
                              [--pg-bin /usr/lib/postgresql/15/bin] [--no-recovery] [--report FILE]""");
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            return new Options(work.toAbsolutePath(), scale, level, workers, pgBin, recovery,
                    report != null ? report : work.resolve("postgres-benchmark-report.md"));
        }
    }

    private PostgresBenchmark(Options options) {
        this.options = options;
        this.work = options.workDir();
        this.fdRepo = work.resolve("firedrill-repo");
        this.pgbr = work.resolve("pgbackrest");
        this.pgbrRepo = pgbr.resolve("repo");
        this.pgbrConf = pgbr.resolve("pgbackrest.conf");
        this.installation = PostgresInstallation.at(options.pgBin());
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!OsUser.jvmIsRoot() || !Shell.canDropCaches()) {
            System.err.println("PostgresBenchmark must run as root (it drops the page cache and runs PostgreSQL and "
                    + "pgBackRest as the postgres OS user)");
            System.exit(2);
        }
        PostgresBenchmark benchmark = new PostgresBenchmark(options);
        try {
            benchmark.run();
        } finally {
            if (benchmark.server != null) {
                benchmark.server.close();
            }
        }
        System.exit(0);
    }

    /** How Firedrill receives WAL: {@code streaming} (default) or {@code archive-command}. */
    private static final String FIREDRILL_WAL = System.getProperty("firedrill.bench.wal", "streaming");

    private void run() throws Exception {
        prepareWorkDir();
        String machine = machine();
        log("machine:\n" + machine);

        // The Firedrill repository, shared with the postgres user that runs archive_command.
        Files.createDirectories(fdRepo);
        Files.setPosixFilePermissions(fdRepo, PosixFilePermissions.fromString("rwxrwxrwx"));
        long t0 = System.nanoTime();
        Firedrill firedrill = Firedrill.configure().repository(fdRepo).passphrase(PASSPHRASE)
                .compression(Compression.zstd(options.level())).parallelism(options.workers())
                .lockWait(Duration.ofMinutes(5)).init(Encryption.passphrase(PASSPHRASE));
        notes.add(String.format(Locale.ROOT, "Firedrill repository creation (init, default Argon2id 64 MiB / 3 "
                + "passes) took %.2f s; not timed.", secondsSince(t0)));
        try (firedrill) {
            Path archiveScript = writeArchiveSetup();
            startCluster();
            writePgBackRestConfig();
            loadData();
            server.execute("alter system set archive_command = '" + archiveScript + " %p'");
            server.execute("select pg_reload_conf()");
            // Firedrill's recommended WAL path is streaming (a replication slot); -Dfiredrill.bench.wal=archive-command
            // makes it push through its archive_command instead, one JVM per segment.
            LogArchiver archiver = FIREDRILL_WAL.equals("streaming")
                    ? firedrill.archiveLogs().from(server.jdbcUrl("postgres")).start() : null;
            notes.add("Firedrill's WAL: " + (archiver != null ? "streamed over a replication slot"
                    : "archive_command, a JVM per segment") + "; pgBackRest's: archive-push from archive_command.");
            pgbackrest("stanza-create");
            pgbackrest("check");

            // 1. full backups
            timedPgBackRestBackup("full backup", "full");
            timedFiredrillBackup(firedrill, "full backup");

            // 2. 1% of rows, scattered over all pages
            change("scattered", "update pgbench_accounts set abalance = abalance + 1 where aid % 100 = 0");
            String pgbrSecond = timedPgBackRestBackup("second backup (1% of rows, scattered)", "incr");
            BackupResult second = timedFiredrillBackup(firedrill, "second backup (1% of rows, scattered)");

            // 3. restores of the second backup (files only)
            Path fdRestore = work.resolve("restore-firedrill");
            timedFiredrillRestore(firedrill, second, fdRestore, null);
            Path pgbrRestore = work.resolve("restore-pgbackrest");
            timedPgBackRestRestore(pgbrSecond, pgbrRestore);
            if (options.recovery()) {
                PathUtils.deleteDirectory(fdRestore);
                timedFiredrillRestore(firedrill, second, work.resolve("recover-firedrill"), RecoveryTarget.immediate());
                timedPgBackRestRecovery(pgbrRestore);
            }
            PathUtils.deleteDirectory(pgbrRestore);
            deleteIfExists(fdRestore);
            deleteIfExists(work.resolve("recover-firedrill"));

            // 4. 1% of rows in one contiguous key range
            long rows = 100_000L * options.scale();
            long from = rows / 2;
            change("contiguous", "update pgbench_accounts set abalance = abalance + 1 where aid between " + from
                    + " and " + (from + rows / 100 - 1));
            timedPgBackRestBackup("third backup (1% of rows, contiguous)", "incr");
            timedFiredrillBackup(firedrill, "third backup (1% of rows, contiguous)");
            archiveLatency();
            if (archiver != null) {
                archiver.close();
            }
        }
        server.stop();
        writeReport(machine);
    }

    // ---------------------------------------------------------------- setup

    private void prepareWorkDir() throws IOException {
        if (Files.exists(work)) {
            try (Stream<Path> s = Files.list(work)) {
                if (s.findAny().isPresent() && !Files.exists(work.resolve(MARKER))) {
                    throw new IOException(work + " is not empty and not a work directory of this benchmark");
                }
            }
            Shell.output("for d in " + work + "/*/; do [ -f \"$d/postmaster.pid\" ] && runuser -u postgres -- "
                    + options.pgBin().resolve("pg_ctl") + " stop -m immediate -D \"$d\"; done; true");
            PathUtils.deleteDirectory(work);
        }
        Files.createDirectories(work);
        Files.createFile(work.resolve(MARKER));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Copies the class path where postgres can read it and writes the dual archive_command script. */
    private Path writeArchiveSetup() throws IOException {
        Path secret = work.resolve("firedrill-passphrase");
        Files.writeString(secret, new String(PASSPHRASE), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        postgres.takeOwnership(secret);
        Path config = work.resolve("firedrill.properties");
        Files.writeString(config, "repository=" + fdRepo.toUri() + "\npassphrase-file=" + secret + "\n");
        String launcher = copyClassPath(work.resolve("lib"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path times = work.resolve("archive-times.log");
        Files.writeString(times, "");
        Files.setPosixFilePermissions(times, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path script = work.resolve("archive-to-pgbackrest-and-firedrill.sh");
        Files.writeString(script, """
                #!/bin/bash
                # archive_command of the benchmark cluster: pushes one WAL segment to pgBackRest and to Firedrill,
                # in parallel; fails (PostgreSQL retries) unless both succeeded.
                seg="$1"
                ( s=$(date +%%s%%N); pgbackrest --config=%s --stanza=%s archive-push "$seg"; rc=$?
                  echo "pgbackrest $(basename "$seg") $rc $(( ($(date +%%s%%N) - s) / 1000000 ))" >> %s; exit $rc ) & a=$!
                if [ "%s" = "archive-command" ]; then
                ( s=$(date +%%s%%N); %s -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp %s \\
                    io.firedrill.postgres.archive.ArchiveCommand push "$seg" --config %s; rc=$?
                  echo "firedrill $(basename "$seg") $rc $(( ($(date +%%s%%N) - s) / 1000000 ))" >> %s; exit $rc ) & b=$!
                else true & b=$!; fi
                wait $a; ra=$?
                wait $b; rb=$?
                [ $ra -eq 0 ] && [ $rb -eq 0 ]
                """.formatted(pgbrConf, STANZA, times, FIREDRILL_WAL, java, launcher, config, times));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private void startCluster() {
        InitOptions init = InitOptions.defaults().withSettings(Map.of(
                "archive_mode", "on", "archive_command", "/bin/true", "max_wal_size", "4GB",
                "checkpoint_timeout", "30min", "log_checkpoints", "on"));
        server = PostgresProcess.initialize(installation, work.resolve("primary"), init);
        server.start();
        log("PostgreSQL " + installation.version() + " started in " + server.dataDir() + " on port " + server.port());
    }

    private void writePgBackRestConfig() throws IOException {
        for (String d : List.of("repo", "log", "lock", "spool")) {
            Files.createDirectories(pgbr.resolve(d));
        }
        Files.writeString(pgbrConf, """
                [global]
                repo1-path=%s
                repo1-retention-full=10
                repo1-cipher-type=aes-256-cbc
                repo1-cipher-pass=%s
                compress-type=zst
                compress-level=%d
                process-max=%d
                start-fast=y
                log-path=%s
                lock-path=%s
                spool-path=%s
                log-level-console=warn
                log-level-file=info

                [%s]
                pg1-path=%s
                pg1-port=%d
                pg1-socket-path=%s
                """.formatted(pgbrRepo, PGBR_CIPHER_PASS, options.level(), options.workers(), pgbr.resolve("log"),
                pgbr.resolve("lock"), pgbr.resolve("spool"), STANZA, server.dataDir(), server.port(),
                server.socketDirectory()));
        Files.setPosixFilePermissions(pgbrConf, PosixFilePermissions.fromString("rw-------"));
        postgres.takeOwnership(pgbr);
    }

    private void loadData() throws Exception {
        long t0 = System.nanoTime();
        runAs(true, List.of(options.pgBin().resolve("pgbench").toString(), "-i", "-q", "-s",
                Integer.toString(options.scale()), "-h", server.socketDirectory().toString(), "-p",
                Integer.toString(server.port()), "postgres"));
        double seconds = secondsSince(t0);
        server.execute("create extension if not exists pageinspect");
        server.execute("checkpoint");
        data.put("pgbench scale", Integer.toString(options.scale()));
        data.put("pgbench -i time", String.format(Locale.ROOT, "%.1f s", seconds));
        data.put("database size (pg_database_size)", mib(queryLong("select pg_database_size('postgres')")));
        data.put("pgbench_accounts rows", Long.toString(queryLong("select count(*) from pgbench_accounts")));
        data.put("pgbench_accounts heap", mib(queryLong("select pg_relation_size('pgbench_accounts')")) + ", "
                + queryLong("select pg_relation_size('pgbench_accounts') / 8192") + " pages");
        data.put("pgbench_accounts_pkey", mib(queryLong("select pg_relation_size('pgbench_accounts_pkey')")) + ", "
                + queryLong("select pg_relation_size('pgbench_accounts_pkey') / 8192") + " pages");
        data.put("data directory (du, before the backups)", mib(du(server.dataDir())));
        log("data: " + data);
    }

    private void archiveLatency() throws Exception {
        archiveEverything();
        List<Long> fd = new ArrayList<>();
        List<Long> br = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("archive-times.log"))) {
            String[] f = line.split(" ");
            (f[0].equals("firedrill") ? fd : br).add(Long.parseLong(f[3]));
        }
        notes.add("archive_command latency per WAL segment (the two pushes run in parallel; each tool's backup "
                + "waits for its own push of the last segment): pgBackRest archive-push median " + median(br)
                + " ms, Firedrill ArchiveCommand push (a new JVM per segment, Argon2id key derivation included) "
                + "median " + median(fd) + " ms, over " + fd.size() + " segments archived during the run.");
    }

    // ---------------------------------------------------------------- the change

    private void change(String name, String sql) throws Exception {
        server.execute("checkpoint");
        String lsn = queryString("select pg_current_wal_lsn()::text");
        long t0 = System.nanoTime();
        long rows;
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            rows = s.executeUpdate(sql);
        }
        double seconds = secondsSince(t0);
        server.execute("checkpoint");
        String changedPages = "(select count(*) from generate_series(0, pg_relation_size('%1$s') / 8192 - 1) b "
                + "where (page_header(get_raw_page('%1$s', b::int))).lsn > '" + lsn + "'::pg_lsn)";
        long heapChanged = queryLong(changedPages.formatted("pgbench_accounts"));
        long heapPages = queryLong("select pg_relation_size('pgbench_accounts') / 8192");
        long indexChanged = queryLong(changedPages.formatted("pgbench_accounts_pkey"));
        long indexPages = queryLong("select pg_relation_size('pgbench_accounts_pkey') / 8192");
        long dbPages = queryLong("select pg_database_size('postgres') / 8192");
        long accountRows = 100_000L * options.scale(); // no count(*): its scan would prune and set hint bits
        String text = String.format(Locale.ROOT, "`%s` (%.1f s): %d rows = %.2f%% of pgbench_accounts. Pages with "
                        + "an LSN after the change began: heap %d of %d (%.1f%%), primary key %d of %d (%.1f%%); "
                        + "together %.1f%% of the database's %d pages (%s changed)",
                sql, seconds, rows, 100.0 * rows / accountRows, heapChanged, heapPages, 100.0 * heapChanged / heapPages,
                indexChanged, indexPages, 100.0 * indexChanged / indexPages,
                100.0 * (heapChanged + indexChanged) / dbPages, dbPages, mib((heapChanged + indexChanged) * 8192));
        data.put("change: " + name, text);
        log("change " + name + ": " + text);
    }

    // ---------------------------------------------------------------- timed steps

    private void beforeStep() throws Exception {
        server.execute("checkpoint");
        archiveEverything();
        Shell.dropCaches();
    }

    private String timedPgBackRestBackup(String step, String type) throws Exception {
        List<String> before = pgbrBackups();
        beforeStep();
        long growthBase = du(pgbrRepo);
        Measured m = measurePgBackRest(List.of("--type=" + type, "backup"));
        double sync = Shell.syncSeconds();
        List<String> after = pgbrBackups();
        after.removeAll(before);
        String label = after.isEmpty() ? "?" : after.get(after.size() - 1);
        long setBytes = du(pgbrRepo.resolve("backup").resolve(STANZA).resolve(label));
        long onDisk = du(pgbrRepo);
        steps.add(new Step(step, "pgBackRest", m.seconds, sync, m.cpuOwn, m.cpuOther, onDisk, onDisk - growthBase,
                setBytes, -1, -1, m.timeMaxRss, m.treePeak, "--type=" + type + ", set " + label));
        log(step + " pgBackRest: " + fmt(m.seconds) + " s, set " + label + " " + mib(setBytes));
        return label;
    }

    private BackupResult timedFiredrillBackup(Firedrill firedrill, String step) throws Exception {
        beforeStep();
        long growthBase = du(fdRepo);
        heap.reset();
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        BackupResult result = firedrill.backup().database(server.jdbcUrl("postgres")).run();
        double seconds = secondsSince(t0);
        CpuMeter.Reading c = cpu.read();
        HeapMeter.Reading h = heap.read();
        double sync = Shell.syncSeconds();
        long onDisk = du(fdRepo);
        BackupStats s = result.backup().stats();
        steps.add(new Step(step, "Firedrill", seconds, sync, c.ownSeconds(), c.otherSeconds(), onDisk,
                onDisk - growthBase, s.storedBytes(), h.poolPeak(), h.liveAfterGc(), h.rssPeak(), -1,
                String.format(Locale.ROOT, "%d files, %d new blobs, %s new raw bytes", s.files(), s.newBlobs(),
                        mib(s.newBytes()))));
        log(step + " Firedrill: " + fmt(seconds) + " s, stored " + mib(s.storedBytes()));
        return result;
    }

    private void timedFiredrillRestore(Firedrill firedrill, BackupResult backup, Path target, RecoveryTarget recover)
            throws Exception {
        beforeStep();
        heap.reset();
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        var command = firedrill.restore().backup(backup.backup().id()).to(target);
        if (recover != null) {
            command.recover(recover);
        }
        RestoreResult r = command.run();
        double seconds = secondsSince(t0);
        CpuMeter.Reading c = cpu.read();
        HeapMeter.Reading h = heap.read();
        double sync = Shell.syncSeconds();
        String note = r.files() + " files, " + mib(r.bytes());
        if (recover != null) {
            note += "; recovery: " + r.recovery().map(x -> x.reached() + ", replay "
                    + fmt(x.replay().toMillis() / 1000.0) + " s").orElse("none");
        }
        steps.add(new Step(recover == null ? "restore of the second backup (files)"
                : "restore of the second backup + recovery to consistency", "Firedrill", seconds, sync,
                c.ownSeconds(), c.otherSeconds(), du(fdRepo), 0, -1, h.poolPeak(), h.liveAfterGc(), h.rssPeak(), -1,
                note));
        log("restore Firedrill" + (recover == null ? "" : " + recovery") + ": " + fmt(seconds) + " s");
    }

    private void timedPgBackRestRestore(String label, Path target) throws Exception {
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        postgres.takeOwnership(target);
        beforeStep();
        Measured m = measurePgBackRest(List.of("--pg1-path=" + target, "--set=" + label, "--type=immediate",
                "--target-action=promote", "restore"));
        double sync = Shell.syncSeconds();
        steps.add(new Step("restore of the second backup (files)", "pgBackRest", m.seconds, sync, m.cpuOwn,
                m.cpuOther, du(pgbrRepo), 0, -1, -1, -1, m.timeMaxRss, m.treePeak,
                "set " + label + ", --type=immediate (recovery settings written, server not started)"));
        log("restore pgBackRest: " + fmt(m.seconds) + " s");
    }

    /** Starts the server pgBackRest restored (archiving off) and waits until it has promoted. */
    private void timedPgBackRestRecovery(Path dataDir) throws Exception {
        beforeStep();
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        PostgresProcess restored = PostgresProcess.existing(installation, dataDir);
        try {
            restored.startTimeout(Duration.ofMinutes(10)).startSetting("archive_mode", "off").start(freePort());
            while (true) {
                try (Connection c = restored.connect("postgres"); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
            double seconds = secondsSince(t0);
            CpuMeter.Reading c = cpu.read();
            restored.stop();
            double restoreSeconds = steps.stream().filter(s -> s.tool.equals("pgBackRest")
                    && s.name.startsWith("restore")).mapToDouble(Step::seconds).sum();
            steps.add(new Step("restore of the second backup + recovery to consistency", "pgBackRest",
                    restoreSeconds + seconds, 0, c.ownSeconds() + c.childSeconds(), c.otherSeconds(), du(pgbrRepo), 0,
                    -1, -1, -1, -1, -1, String.format(Locale.ROOT, "the files restore above (%s s) + server start "
                    + "to promotion (%s s, caches dropped before; WAL from archive-get)", fmt(restoreSeconds),
                    fmt(seconds))));
            log("recovery pgBackRest: " + fmt(seconds) + " s");
        } finally {
            restored.close();
        }
    }

    record Measured(double seconds, double cpuOwn, double cpuOther, long timeMaxRss, long treePeak) {
    }

    /** Runs pgBackRest as postgres under /usr/bin/time -v, sampling the RSS of its process tree. */
    private Measured measurePgBackRest(List<String> args) throws Exception {
        Path timeOut = pgbr.resolve("time-" + (++timeFile) + ".txt");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeOut.toString(),
                "pgbackrest", "--config=" + pgbrConf, "--stanza=" + STANZA));
        command.addAll(args);
        CpuMeter cpu = new CpuMeter();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(postgres.command(command)).inheritIO().start();
        long treePeak;
        try (ProcessTreeMeter meter = new ProcessTreeMeter(p.toHandle(), "pgbackrest")) {
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException("pgBackRest failed with exit code " + rc + ": " + command
                        + "; see " + pgbr.resolve("log"));
            }
            treePeak = meter.peakSum();
        }
        double seconds = secondsSince(t0);
        CpuMeter.Reading c = cpu.read();
        long maxRss = -1;
        Matcher m = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(Files.readString(timeOut));
        if (m.find()) {
            maxRss = Long.parseLong(m.group(1)) * 1024;
        }
        return new Measured(seconds, c.childSeconds(), c.otherSeconds(), maxRss, treePeak);
    }

    // ---------------------------------------------------------------- helpers

    private void archiveEverything() throws Exception {
        String last = queryString("select pg_walfile_name(pg_switch_wal())");
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            String archived = queryString("select coalesce(last_archived_wal, '') from pg_stat_archiver");
            if (archived.compareTo(last) >= 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("WAL up to " + last + " was not archived in time; server log:\n" + server.logTail(40));
    }

    private List<String> pgbrBackups() throws IOException {
        Path dir = pgbrRepo.resolve("backup").resolve(STANZA);
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p))
                    .map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{8}-\\d{6}F.*"))
                    .sorted().toList());
        }
    }

    private void pgbackrest(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("pgbackrest", "--config=" + pgbrConf, "--stanza=" + STANZA));
        command.addAll(Arrays.asList(args));
        runAs(true, command);
    }

    private void runAs(boolean asPostgres, List<String> command) throws Exception {
        Process p = new ProcessBuilder(asPostgres ? postgres.command(command) : command).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("command failed with exit code " + rc + ": " + command);
        }
    }

    private long queryLong(String sql) throws SQLException {
        return Long.parseLong(queryString(sql));
    }

    private String queryString(String sql) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Bytes on disk (allocated blocks) of a tree. */
    private static long du(Path dir) {
        String out = Shell.output("du -s -B1 " + dir + " | cut -f1");
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            return -1;
        }
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
        return launcher.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteIfExists(Path dir) throws IOException {
        if (Files.exists(dir)) {
            PathUtils.deleteDirectory(dir);
        }
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "–" : String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    private static void log(String message) {
        System.err.println("[pgbench-benchmark " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    // ---------------------------------------------------------------- report

    private String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        var rt = ManagementFactory.getRuntimeMXBean();
        long maxHeap = Runtime.getRuntime().maxMemory();
        StringBuilder b = new StringBuilder("| fact | value |\n| --- | --- |\n");
        b.append("| CPU | ").append(Shell.output("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs"))
                .append(", ").append(os.getAvailableProcessors()).append(" cores available to the JVM |\n");
        b.append("| RAM | ").append(Shell.output("free -g | awk '/Mem:/ {print $2\" GiB\"}'")).append(" |\n");
        b.append("| OS / kernel | ").append(Shell.output(". /etc/os-release; echo $PRETTY_NAME")).append(" / ")
                .append(Shell.output("uname -r")).append(" |\n");
        b.append("| disk / filesystem of the work dir | ").append(Shell.output("df --output=source,fstype " + work
                + " | tail -1 | tr -s ' '")).append(" |\n");
        b.append("| JDK | ").append(rt.getVmName()).append(' ').append(rt.getVmVersion()).append("; ")
                .append(String.join(" ", rt.getInputArguments().stream().filter(a -> a.startsWith("-X")).toList()))
                .append(String.format(Locale.ROOT, ", max heap %.1f MiB |\n", maxHeap / MIB));
        b.append("| PostgreSQL | ").append(installation.version()).append(" (").append(options.pgBin())
                .append("), data checksums on, shared_buffers default (128 MB) |\n");
        b.append("| pgBackRest | ").append(Shell.output("pgbackrest version")).append(" |\n");
        b.append("| settings, both tools | zstd level ").append(options.level()).append(", ").append(options.workers())
                .append(" workers, local repository, encrypted (Firedrill AES-256-GCM, passphrase; pgBackRest "
                        + "repo1-cipher-type=aes-256-cbc) |\n");
        b.append("| page cache dropped before each timed step | yes (`sync; echo 3 > /proc/sys/vm/drop_caches`), after "
                + "a CHECKPOINT and with all WAL archived |\n");
        return b.toString();
    }

    private Step find(String prefix, String tool) {
        return steps.stream().filter(s -> s.name.startsWith(prefix) && s.tool.equals(tool)).findFirst().orElse(null);
    }

    private void writeReport(String machine) throws IOException {
        StringBuilder r = new StringBuilder();
        r.append("#### Run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\nMachine:\n\n")
                .append(machine).append("\nData:\n\n| fact | value |\n| --- | --- |\n");
        data.forEach((k, v) -> r.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        r.append("\n| step | tool | wall s | sync after, s | CPU s (tool) | CPU s (other: server, archiving) "
                + "| repository on disk after | repository growth | backup stored | heap: sum of pool peaks "
                + "| heap: live after GC | peak RSS (Firedrill: JVM VmHWM; pgBackRest: time -v) "
                + "| peak RSS, all pgbackrest processes | notes |\n");
        r.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Step s : steps) {
            r.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.1f | %.1f | %s | %s | %s | %s | %s | %s "
                            + "| %s | %s |\n", s.name, s.tool, s.seconds, s.syncSeconds, s.cpuOwn, s.cpuOther,
                    mib(s.repoOnDisk), s.repoGrowth == 0 ? "–" : mib(s.repoGrowth), mib(s.backupBytes),
                    mib(s.heapPoolPeak), mib(s.heapLive), mib(s.rssPeak), mib(s.rssTreePeak), s.note));
        }
        r.append("\n| comparison | Firedrill | pgBackRest | Firedrill / pgBackRest |\n| --- | ---: | ---: | ---: |\n");
        ratio(r, "full backup: wall time", "full backup", Step::seconds, " s");
        ratio(r, "full backup: backup stored", "full backup", s -> s.backupBytes / MIB, " MiB");
        ratio(r, "full backup: repository growth", "full backup", s -> s.repoGrowth / MIB, " MiB");
        ratio(r, "second backup (scattered): wall time", "second backup", Step::seconds, " s");
        ratio(r, "second backup (scattered): backup stored", "second backup", s -> s.backupBytes / MIB, " MiB");
        ratio(r, "second backup (scattered): repository growth", "second backup", s -> s.repoGrowth / MIB, " MiB");
        ratio(r, "third backup (contiguous): wall time", "third backup", Step::seconds, " s");
        ratio(r, "third backup (contiguous): backup stored", "third backup", s -> s.backupBytes / MIB, " MiB");
        ratio(r, "third backup (contiguous): repository growth", "third backup", s -> s.repoGrowth / MIB, " MiB");
        ratio(r, "restore (files): wall time", "restore of the second backup (files)", Step::seconds, " s");
        ratio(r, "restore (files): wall + sync", "restore of the second backup (files)",
                s -> s.seconds + s.syncSeconds, " s");
        ratio(r, "restore + recovery to consistency: wall time", "restore of the second backup +", Step::seconds, " s");
        ratio(r, "full backup: peak RSS (JVM vs all pgbackrest processes)", "full backup",
                s -> (s.tool.equals("Firedrill") ? s.rssPeak : s.rssTreePeak) / MIB, " MiB");

        r.append("\n| goal | measured | met? |\n| --- | --- | --- |\n");
        goal(r, "full backup ≤ 0.8× pgBackRest's time", "full backup", Step::seconds, 0.8, " s");
        goal(r, "second backup (scattered) ≤ 0.1× pgBackRest's incremental bytes", "second backup",
                s -> s.backupBytes / MIB, 0.1, " MiB");
        goal(r, "second backup (contiguous; third backup) ≤ 0.1× pgBackRest's incremental bytes", "third backup",
                s -> s.backupBytes / MIB, 0.1, " MiB");
        goal(r, "restore (files) ≤ 0.8× pgBackRest's time", "restore of the second backup (files)", Step::seconds,
                0.8, " s");
        r.append("\nNotes:\n\n");
        notes.forEach(n -> r.append("- ").append(n).append('\n'));
        String report = r.toString();
        System.out.println(report);
        Files.writeString(options.report(), report);
        log("report written to " + options.report());
    }

    private void ratio(StringBuilder r, String label, String prefix, java.util.function.ToDoubleFunction<Step> f,
                       String unit) {
        Step fd = find(prefix, "Firedrill");
        Step br = find(prefix, "pgBackRest");
        if (fd == null || br == null) {
            return;
        }
        double a = f.applyAsDouble(fd);
        double b = f.applyAsDouble(br);
        r.append(String.format(Locale.ROOT, "| %s | %.2f%s | %.2f%s | %.3f |\n", label, a, unit, b, unit, a / b));
    }

    private void goal(StringBuilder r, String label, String prefix, java.util.function.ToDoubleFunction<Step> f,
                      double limit, String unit) {
        Step fd = find(prefix, "Firedrill");
        Step br = find(prefix, "pgBackRest");
        if (fd == null || br == null) {
            return;
        }
        double a = f.applyAsDouble(fd);
        double b = f.applyAsDouble(br);
        r.append(String.format(Locale.ROOT, "| %s | %.2f%s vs %.2f%s (%.3f×) | %s |\n", label, a, unit, b, unit,
                a / b, a / b <= limit ? "yes" : "**no**"));
    }
}
