package io.firedrill.mysql.stream;

import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.GtidEvents;
import io.firedrill.mysql.binlog.MariadbGtidSet;
import io.firedrill.mysql.binlog.MysqlGtidSet;
import io.firedrill.mysql.protocol.WireReader;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks that each new binlog file continues the GTIDs of the archived ones. A MySQL file starts with
 * PREVIOUS_GTIDS, the set of every GTID in earlier files: it must hold nothing beyond what the archive has seen. A
 * MariaDB file starts (after its format description) with GTID_LIST, the last sequence number of each replication
 * domain: in a domain the archive followed, it must not be ahead of the last GTID archived. Knowledge starts with
 * the first such header seen and is forgotten by {@link #forget()} (after a reported gap). Not thread-safe.
 */
final class GtidContinuity {
    private MysqlGtidSet mysqlSeen;
    private MariadbGtidSet mariadbSeen;

    /** Accounts for one archived event; returns a description of the hole when a file header reveals one. */
    Optional<String> accept(BinlogEvent event) {
        switch (event.type()) {
            case PREVIOUS_GTIDS: {
                MysqlGtidSet previous = MysqlGtidSet.decode(new WireReader(event.body()));
                Optional<String> hole = Optional.empty();
                if (mysqlSeen != null && !previous.isSubsetOf(mysqlSeen)) {
                    hole = Optional.of("the file says the earlier files hold GTIDs " + previous + " but the archive "
                            + "received only " + mysqlSeen);
                }
                mysqlSeen = mysqlSeen == null ? previous : mysqlSeen.union(previous);
                return hole;
            }
            case GTID:
                if (mysqlSeen != null) {
                    mysqlSeen = mysqlSeen.with(GtidEvents.gtidOf(event).orElseThrow());
                }
                return Optional.empty();
            case MARIADB_GTID_LIST:
                return mariadbList(event.body());
            case MARIADB_GTID: {
                if (mariadbSeen != null) {
                    mariadbSeen = mariadbSeen.with(GtidEvents.gtidOf(event).orElseThrow());
                }
                return Optional.empty();
            }
            default:
                return Optional.empty();
        }
    }

    private Optional<String> mariadbList(byte[] body) {
        MariadbGtidSet listed = MariadbGtidSet.decodeGtidList(body);
        if (mariadbSeen == null) {
            mariadbSeen = listed;
            return Optional.empty();
        }
        StringBuilder holes = new StringBuilder();
        for (long domain : listed.domains()) {
            long seq = listed.sequence(domain).orElseThrow();
            OptionalLong seen = mariadbSeen.sequence(domain);
            if (seen.isPresent() && Long.compareUnsigned(seq, seen.getAsLong()) > 0) {
                holes.append(holes.length() == 0 ? "" : "; ").append("domain ").append(domain)
                        .append(": sequence numbers ").append(Long.toUnsignedString(seen.getAsLong() + 1)).append(" to ")
                        .append(Long.toUnsignedString(seq)).append(" were never received");
            }
        }
        mariadbSeen = mariadbSeen.union(listed);
        return holes.length() == 0 ? Optional.empty() : Optional.of(holes.toString());
    }

    /** Drops what was learnt: the next file header starts the check afresh. */
    void forget() {
        mysqlSeen = null;
        mariadbSeen = null;
    }
}
