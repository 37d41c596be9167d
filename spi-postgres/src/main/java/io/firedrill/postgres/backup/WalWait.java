package io.firedrill.postgres.backup;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.spi.LogStore;
import io.firedrill.postgres.wal.WalSegment;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the archive holds every segment a backup needs. On a primary it asks for a segment switch once,
 * so an idle server does not keep the last segment open forever; a standby cannot switch, so there the primary's
 * {@code archive_timeout} (or its next switch) must complete the segment.
 */
final class WalWait {
    private static final Logger LOG = LoggerFactory.getLogger(WalWait.class);
    private final Connection connection;
    private final LogStore logs;
    private final ClusterFacts facts;
    private final Duration timeout;

    WalWait(Connection connection, LogStore logs, ClusterFacts facts, Duration timeout) {
        this.connection = connection;
        this.logs = logs;
        this.facts = facts;
        this.timeout = timeout;
    }

    void awaitArchived(WalSegment first, WalSegment last) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean switched = false;
        long switchAfter = System.nanoTime() + 500_000_000L;
        WalSegment next = first;
        while (true) {
            while (next.compareTo(last) <= 0 && logs.find(facts.stream(), next.fileName()).isPresent()) {
                next = next.next();
            }
            if (next.compareTo(last) > 0) {
                return;
            }
            long now = System.nanoTime();
            if (!switched && !facts.inRecovery() && now > switchAfter) {
                switchWal();
                switched = true;
            }
            if (now > deadline) {
                throw new FiredrillException(ErrorCode.LOG_GAP, "the backup of " + facts.stream()
                        + " cannot complete: WAL segment " + next.fileName() + " (needed up to " + last.fileName()
                        + ") did not reach the archive within " + timeout + "; still missing: " + missing(next, last),
                        "check that WAL is being archived (archiveLogs() running, or archive_command set to "
                                + "Firedrill's and archive_mode=on) and see the server log; on a standby, the "
                                + "primary must switch segments (archive_timeout)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for WAL", e);
            }
        }
    }

    private List<String> missing(WalSegment from, WalSegment to) {
        List<String> names = new ArrayList<>();
        for (WalSegment s = from; s.compareTo(to) <= 0 && names.size() < 10; s = s.next()) {
            if (logs.find(facts.stream(), s.fileName()).isEmpty()) {
                names.add(s.fileName());
            }
        }
        return names;
    }

    private void switchWal() {
        try (Statement s = connection.createStatement()) {
            s.execute("select pg_switch_wal()");
            LOG.debug("asked {} for a WAL segment switch", facts.stream());
        } catch (SQLException e) {
            LOG.warn("could not switch WAL segments ({}); waiting for the server to do it", e.getMessage());
        }
    }
}
