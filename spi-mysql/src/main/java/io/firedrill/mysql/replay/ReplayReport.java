package io.firedrill.mysql.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * What a replay did.
 *
 * @param transactionsApplied how many archived transactions after the backup were handed to the applier (MySQL
 *     skips those whose GTID the server already has)
 * @param lastFile the file of the last applied transaction, or {@code null} when none was
 * @param lastPosition where the last applied transaction starts in that file, or -1
 * @param lastGtid its GTID, or {@code null} (none applied, or anonymous)
 * @param lastTime its timestamp, or {@code null}
 * @param stop where replay stopped: the first transaction not applied
 * @param serverGtidState the server's GTID state afterwards: MySQL's {@code gtid_executed}, MariaDB's
 *     {@code gtid_slave_pos}
 * @param bytesReplayed the bytes of binlog installed as relay logs
 * @param parallelWorkers the applier's worker threads (0 = single-threaded)
 * @param elapsed how long the replay took, installation of the files included
 */
public record ReplayReport(int transactionsApplied, String lastFile, long lastPosition, String lastGtid,
        Instant lastTime, StopPoint stop, String serverGtidState, long bytesReplayed, int parallelWorkers,
        Duration elapsed) {
}
