package io.firedrill.postgres.recovery;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.spi.LogStore;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.wal.Lsn;
import io.firedrill.postgres.wal.WalSegment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the transaction that dropped or truncated a table: both end in a commit record that lists the table's old
 * file among the relations it removes. The archived WAL from the backup's start is read with the server's own
 * {@code pg_waldump}, keeping only transaction records, and the first commit naming the file recorded at backup
 * time wins. A rewrite of the table ({@code VACUUM FULL}, {@code CLUSTER}) also removes its old file and would be
 * found first; the error and the docs say so.
 */
final class DropFinder {
    private static final Logger LOG = LoggerFactory.getLogger(DropFinder.class);
    private static final Pattern COMMIT = Pattern.compile("tx:\\s+(\\d+),.*desc: COMMIT .*rels: (.*)");

    private DropFinder() {
    }

    /**
     * The id of the first transaction after the backup's start that removed the table's file.
     *
     * @param table {@code schema.table}
     * @param details the backup's details (its {@code relations}, start position)
     * @param plan the recovery plan (the segments to read)
     */
    static long transactionDropping(String table, Map<String, Object> details, RecoveryPlan plan, LogStore logs) {
        @SuppressWarnings("unchecked")
        Map<String, String> relations = (Map<String, String>) details.getOrDefault("relations", Map.of());
        String file = relations.get(table);
        if (file == null) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "table " + table + " did not exist in the backed-up "
                    + "database when the backup was taken, so its drop cannot be found from this backup",
                    "use a later backup that has the table, or a time or LSN target just before the incident");
        }
        int major = ((Number) details.get("majorVersion")).intValue();
        PostgresInstallation binaries = PostgresBinaries.forMajor(major);
        if (!binaries.has("pg_waldump")) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "finding the drop of " + table
                    + " needs pg_waldump " + major + ", which " + binaries.binDir() + " lacks",
                    "install Debian's postgresql-" + major + " (or point -Dfiredrill.postgres." + major
                            + ".bin at a full installation), or use a time or LSN target");
        }
        Path dir = fetchSegments(plan, logs);
        try {
            OptionalLong xid = scan(binaries, dir, Lsn.parse((String) details.get("startLsn")), plan, file);
            if (xid.isEmpty()) {
                throw new FiredrillException(ErrorCode.INVALID_TARGET, "no transaction dropping or truncating " + table
                        + " (file " + file + ") was found in the archived WAL of " + plan.stream() + " "
                        + plan.window(), "check the table name, or use a time or LSN target");
            }
            LOG.info("the drop or truncate of {} was transaction {}", table, xid.getAsLong());
            return xid.getAsLong();
        } finally {
            try {
                PathUtils.deleteDirectory(dir);
            } catch (IOException e) {
                LOG.debug("could not delete {}: {}", dir, e.getMessage());
            }
        }
    }

    private static Path fetchSegments(RecoveryPlan plan, LogStore logs) {
        try {
            Path dir = Files.createTempDirectory("firedrill-waldump-");
            WalSegment first = plan.coverage().firstNeeded();
            WalSegment last = plan.coverage().lastSegment().orElse(first);
            for (long n = first.number(); n <= last.number(); n++) {
                WalSegment segment = plan.history().segmentFor(new Lsn(n * plan.segmentSize()), plan.segmentSize());
                logs.fetch(plan.stream(), segment.fileName(), dir.resolve(segment.fileName()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare WAL for pg_waldump: " + e.getMessage(), e);
        }
    }

    private static OptionalLong scan(PostgresInstallation binaries, Path dir, Lsn start, RecoveryPlan plan,
                                     String file) {
        List<String> command = new ArrayList<>(List.of(binaries.bin("pg_waldump").toString(), "--path=" + dir,
                "--start=" + start, "--rmgr=Transaction"));
        if (plan.history().forks().isEmpty()) {
            command.add("--timeline=" + plan.timeline());
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            OptionalLong found = OptionalLong.empty();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = COMMIT.matcher(line);
                    if (found.isEmpty() && m.find() && List.of(m.group(2).split("[\\s;]+")).contains(file)) {
                        found = OptionalLong.of(Long.parseLong(m.group(1)));
                    }
                }
            }
            process.waitFor();
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("running pg_waldump failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading WAL", e);
        }
    }
}
