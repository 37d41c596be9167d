package io.firedrill.mysql.stream;

import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.GtidEvents;
import io.firedrill.mysql.protocol.WireReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that each new binlog file continues the GTIDs of the archived ones. A MySQL file starts with
 * PREVIOUS_GTIDS, the set of every GTID in earlier files: it must hold nothing beyond what the archive has seen. A
 * MariaDB file starts (after its format description) with GTID_LIST, the last sequence number of each replication
 * domain: in a domain the archive followed, it must not be ahead of the last GTID archived. Knowledge starts with
 * the first such header seen and is forgotten by {@link #forget()} (after a reported gap). Not thread-safe.
 */
final class GtidContinuity {
    private MysqlGtidSet mysqlSeen;
    private Map<Long, Long> mariadbSeen;

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
                    String[] gtid = GtidEvents.gtidOf(event).orElseThrow().split("-");
                    mariadbSeen.merge(Long.parseLong(gtid[0]), Long.parseUnsignedLong(gtid[2]), Math::max);
                }
                return Optional.empty();
            }
            default:
                return Optional.empty();
        }
    }

    private Optional<String> mariadbList(byte[] body) {
        WireReader r = new WireReader(body);
        long count = r.uint(4) & 0x0fff_ffffL;
        Map<Long, Long> listed = new HashMap<>();
        for (long i = 0; i < count && r.remaining() >= 16; i++) {
            long domain = r.uint(4);
            r.uint(4);
            listed.merge(domain, r.uint(8), Math::max);
        }
        StringBuilder holes = new StringBuilder();
        if (mariadbSeen != null) {
            listed.forEach((domain, seq) -> {
                Long seen = mariadbSeen.get(domain);
                if (seen != null && Long.compareUnsigned(seq, seen) > 0) {
                    holes.append(holes.length() == 0 ? "" : "; ").append("domain ").append(domain)
                            .append(": sequence numbers ").append(seen + 1).append(" to ").append(seq)
                            .append(" were never received");
                }
            });
            listed.forEach((domain, seq) -> mariadbSeen.merge(domain, seq, Math::max));
        } else {
            mariadbSeen = new HashMap<>(listed);
        }
        return holes.length() == 0 ? Optional.empty() : Optional.of(holes.toString());
    }

    /** Drops what was learnt: the next file header starts the check afresh. */
    void forget() {
        mysqlSeen = null;
        mariadbSeen = null;
    }
}
