package io.firedrill.mysql.replay;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.mysql.binlog.BinlogIndex;
import io.firedrill.mysql.binlog.GtidSet;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link RecoveryTarget} into the exact {@link StopPoint} of a {@link BinlogWindow}: the start of the first
 * transaction not to apply. Pure logic over the window's indexes, except "before drop", which reads the files.
 *
 * <ul>
 *   <li>{@code LATEST}: everything archived; {@code IMMEDIATE}: nothing (the backup as it is).</li>
 *   <li>{@code TIME}: transactions in binlog order up to the first one stamped after the time (inclusive) or at or
 *       after it (exclusive); binlog timestamps have a resolution of one second.</li>
 *   <li>{@code GTID}: up to and including that transaction (inclusive) or just before it (exclusive).</li>
 *   <li>{@code BINLOG_POSITION}: every transaction starting before the position; one the position cuts through is
 *       completed (inclusive) or left out (exclusive).</li>
 *   <li>{@code BEFORE_DROP}: just before the first transaction after the start that drops or truncates the table
 *       or drops its schema.</li>
 * </ul>
 * A target outside the window is an {@link ErrorCode#INVALID_TARGET} error naming the window.
 */
public final class TargetResolver {
    private TargetResolver() {
    }

    /**
     * The stop point of {@code target} in {@code window}.
     *
     * @throws FiredrillException {@link ErrorCode#INVALID_TARGET} when the target lies outside the window, is not
     *     found in it, or is a PostgreSQL-only kind
     */
    public static StopPoint resolve(BinlogWindow window, RecoveryTarget target) {
        return switch (target.kind()) {
            case LATEST -> window.end();
            case IMMEDIATE -> new StopPoint(window.start().file(), window.start().position(), "the backup itself");
            case TIME -> time(window, target);
            case GTID -> gtid(window, target);
            case BINLOG_POSITION -> position(window, target);
            case BEFORE_DROP -> beforeDrop(window, target);
            case LSN, XID, RESTORE_POINT -> throw new FiredrillException(ErrorCode.INVALID_TARGET, "recovery target "
                    + target.kind() + " " + target.value() + " is a PostgreSQL target; MySQL and MariaDB recover to "
                    + "a time, a binlog position, a GTID, 'immediate', 'latest' or just before a drop",
                    "use RecoveryTarget.time, binlogPosition, gtid, immediate, latest or beforeDropOf");
        };
    }

    private static StopPoint time(BinlogWindow window, RecoveryTarget target) {
        Instant time = Instant.parse(target.value());
        long seconds = time.getEpochSecond();
        if (time.isBefore(window.startTime())) {
            throw outside(window, target, "it is before the backup");
        }
        if (seconds > window.lastTime().getEpochSecond()) {
            throw outside(window, target, "it is after the last archived transaction");
        }
        List<BinlogWindow.Entry> entries = window.entries();
        for (int i = 0; i < entries.size(); i++) {
            long ts = entries.get(i).transaction().timestamp();
            if (target.inclusive() ? ts > seconds : ts >= seconds) {
                return window.before(i, "the last transaction " + (target.inclusive() ? "at or before " : "before ")
                        + time);
            }
        }
        return window.before(entries.size(), "the last transaction " + (target.inclusive() ? "at or before " : "before ")
                + time);
    }

    private static StopPoint gtid(BinlogWindow window, RecoveryTarget target) {
        String gtid = normalize(target.value());
        if (GtidSet.parse(window.start().gtidSet()).contains(gtid)) {
            throw outside(window, target, "the backup already holds that transaction (its GTID set is "
                    + window.start().gtidSet().replaceAll("\\s", "") + ")");
        }
        List<BinlogWindow.Entry> entries = window.entries();
        for (int i = 0; i < entries.size(); i++) {
            String g = entries.get(i).transaction().gtid();
            if (g != null && normalize(g).equals(gtid)) {
                return target.inclusive() ? window.before(i + 1, "just after GTID " + gtid)
                        : window.before(i, "just before GTID " + gtid);
            }
        }
        throw outside(window, target, "no archived transaction after the backup has that GTID");
    }

    private static StopPoint position(BinlogWindow window, RecoveryTarget target) {
        int colon = target.value().lastIndexOf(':');
        String fileName = target.value().substring(0, colon);
        long position = Long.parseLong(target.value().substring(colon + 1));
        int f = window.indexOf(fileName).orElseThrow(() -> outside(window, target, "file " + fileName
                + " is not among the archived files after the backup"));
        ArchivedBinlog file = window.files().get(f);
        if (f == 0 && position < window.start().position()) {
            throw outside(window, target, "it is before the backup's position " + window.start());
        }
        if (position > file.index().endPosition()) {
            throw outside(window, target, fileName + " is archived only up to position " + file.index().endPosition());
        }
        List<BinlogWindow.Entry> entries = window.entries();
        int holder = -1;
        int firstLater = entries.size();
        for (int i = 0; i < entries.size(); i++) {
            BinlogWindow.Entry e = entries.get(i);
            if (e.file() < f || (e.file() == f && e.transaction().position() <= position)) {
                holder = e.file() == f ? i : -1;
            } else {
                firstLater = i;
                break;
            }
        }
        if (holder < 0 || position >= file.dataEnd()) {
            return window.before(firstLater, "the end of the transactions before " + target.value());
        }
        if (entries.get(holder).transaction().position() == position) {
            return window.before(holder, "just before the transaction starting at " + target.value());
        }
        return target.inclusive() ? window.before(holder + 1, "just after the transaction cut by " + target.value())
                : window.before(holder, "just before the transaction cut by " + target.value());
    }

    private static StopPoint beforeDrop(BinlogWindow window, RecoveryTarget target) {
        String[] parts = target.value().split("\\.", 2);
        return DropFinder.firstDestroying(window, parts[0], parts[1]).orElseThrow(() -> outside(window, target,
                "no archived transaction after the backup drops or truncates " + target.value()));
    }

    private static String normalize(String gtid) {
        return gtid.strip().toLowerCase(Locale.ROOT);
    }

    private static FiredrillException outside(BinlogWindow window, RecoveryTarget target, String why) {
        return new FiredrillException(ErrorCode.INVALID_TARGET, "recovery target " + target.kind() + " "
                + target.value() + " is outside the recoverable window: " + why + "; the window runs "
                + window.describe(), "choose a target inside the window, an older backup for earlier targets, or "
                + "archive the missing binlogs for later ones");
    }

    /** The number of transactions a replay from the window's start to {@code stop} applies, and the last one. */
    static Applied applied(BinlogWindow window, StopPoint stop) {
        int f = window.indexOf(stop.file()).orElseThrow(() -> new IllegalArgumentException("stop point " + stop
                + " is not in the window"));
        int count = 0;
        BinlogWindow.Entry last = null;
        for (BinlogWindow.Entry e : window.entries()) {
            if (e.file() < f || (e.file() == f && e.transaction().position() < stop.position())) {
                count++;
                last = e;
            }
        }
        return new Applied(count, last == null ? null : window.fileOf(last).name(),
                last == null ? null : last.transaction());
    }

    /**
     * What a replay applies.
     *
     * @param transactions how many transactions
     * @param lastFile the file of the last one, or {@code null} when none
     * @param last the last one, or {@code null}
     */
    record Applied(int transactions, String lastFile, BinlogIndex.Transaction last) {
    }
}
