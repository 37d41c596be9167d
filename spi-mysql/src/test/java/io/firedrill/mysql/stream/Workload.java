package io.firedrill.mysql.stream;

import io.firedrill.mysql.server.MysqlProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/** Inserts small rows into drill.t in a background thread until closed, riding out server restarts. */
final class Workload implements AutoCloseable {
    private final MysqlProcess server;
    private final Thread thread;
    private final AtomicLong committed = new AtomicLong();
    private volatile boolean stop;

    Workload(MysqlProcess server, long pauseMillis) {
        this.server = server;
        this.thread = new Thread(() -> run(pauseMillis), "binlog-workload");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run(long pauseMillis) {
        while (!stop) {
            try (Connection c = server.connect();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO drill.t (v) VALUES (?)")) {
                while (!stop) {
                    insert.setString(1, "row " + committed.get() + " " + "x".repeat(100));
                    insert.executeUpdate();
                    committed.incrementAndGet();
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long committed() {
        return committed.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(30_000);
    }
}
