package io.firedrill.mysql.replay;

import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.BinlogEventType;
import io.firedrill.mysql.binlog.BinlogFileReader;
import io.firedrill.mysql.binlog.QueryEvents;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Finds, by reading the window's files from the start coordinate on, the first transaction that drops or truncates a
 * table (or drops its schema): the "just before the accident" stop point.
 */
final class DropFinder {
    private DropFinder() {
    }

    /** The start of the first transaction in the window that destroys {@code schema.table}, if any. */
    static Optional<StopPoint> firstDestroying(BinlogWindow window, String schema, String table) {
        for (int f = 0; f < window.files().size(); f++) {
            ArchivedBinlog file = window.files().get(f);
            if (file.path() == null) {
                throw new IllegalStateException("binlog file " + file.name() + " has no local copy to scan for a DROP");
            }
            long from = f == 0 ? window.start().position() : 4;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16)) {
                Optional<Long> found = scan(new BinlogFileReader(in, file.name()), from, schema, table);
                if (found.isPresent()) {
                    return Optional.of(new StopPoint(file.name(), found.get(), "just before the transaction at "
                            + file.name() + ":" + found.get() + " that drops or truncates " + schema + "." + table));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read binlog file " + file.path() + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> scan(BinlogFileReader reader, long from, String schema, String table) {
        long transactionStart = -1;
        for (BinlogEvent event = reader.next(); event != null; event = reader.next()) {
            BinlogEventType type = event.type();
            if (type.startsTransaction()) {
                transactionStart = event.position();
                continue;
            }
            if (type == BinlogEventType.XID) {
                transactionStart = -1;
                continue;
            }
            if (type != BinlogEventType.QUERY) {
                continue;
            }
            byte[] body = event.body();
            String statement = QueryEvents.statement(body);
            long start = transactionStart >= 0 ? transactionStart : event.position();
            if (start >= from && DropStatements.destroys(statement, QueryEvents.database(body), schema, table)) {
                return Optional.of(start);
            }
            if (!QueryEvents.begins(statement)) {
                transactionStart = -1;
            } else if (transactionStart < 0) {
                transactionStart = event.position();
            }
        }
        return Optional.empty();
    }
}
