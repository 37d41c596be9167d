package io.firedrill.mysql.logical;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Work shared by one thread per connection. Tasks may add tasks (planning a table adds its ranges, at the front so
 * a table's ranges follow its planning); the work is done when no task is queued or running. The first failure
 * stops every worker and is rethrown. The queue holds descriptions of work (tables, ranges), never rows.
 */
public final class WorkQueue {
    /** One unit of work, run on a worker's connection. */
    @FunctionalInterface
    public interface Task {
        /** Runs. */
        void run(Connection connection, WorkQueue queue) throws Exception;
    }

    private final LinkedBlockingDeque<Task> tasks = new LinkedBlockingDeque<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Queues a task at the back. */
    public void add(Task task) {
        pending.incrementAndGet();
        tasks.addLast(task);
    }

    /** Queues a task at the front. */
    public void addFirst(Task task) {
        pending.incrementAndGet();
        tasks.addFirst(task);
    }

    /**
     * Runs every task with one thread per connection, until all are done or one fails.
     *
     * @param name the threads' name prefix
     * @throws RuntimeException the first failure (a {@link FiredrillException} as is, others wrapped)
     */
    public void run(List<Connection> connections, String name) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            Connection connection = connections.get(i);
            Thread thread = new Thread(() -> work(connection), name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
                threads.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
            }
        }
        Throwable first = failure.get();
        if (first instanceof FiredrillException fe) {
            throw fe;
        }
        if (first instanceof RuntimeException re && re.getClass().getName().startsWith("io.firedrill")) {
            throw re;
        }
        if (first != null) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, name + " failed: " + first, null, first);
        }
    }

    private void work(Connection connection) {
        while (failure.get() == null) {
            Task task;
            try {
                task = tasks.pollFirst(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
                return;
            }
            if (task == null) {
                if (pending.get() == 0) {
                    return;
                }
                continue;
            }
            try {
                task.run(connection, this);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                pending.decrementAndGet();
            }
        }
    }
}
