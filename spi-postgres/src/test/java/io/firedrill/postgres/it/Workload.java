package io.firedrill.postgres.it;

import io.firedrill.postgres.server.PostgresProcess;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Inserts orders continuously, one transaction every few milliseconds, until stopped. */
final class Workload implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong inserted = new AtomicLong();
    private final Thread thread;
    private volatile SQLException failure;

    private Workload(PostgresProcess server) {
        this.thread = new Thread(() -> run(server), "workload");
    }

    static Workload start(PostgresProcess server) {
        Workload w = new Workload(server);
        w.thread.start();
        return w;
    }

    private void run(PostgresProcess server) {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            while (running.get()) {
                s.execute("insert into orders (note) values ('order " + inserted.incrementAndGet() + "')");
                Thread.sleep(3);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops and returns how many orders were inserted. */
    long stopAndCount() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        if (failure != null) {
            throw new AssertionError("the workload failed", failure);
        }
        return inserted.get();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
