package io.firedrill.core.repository;

import io.firedrill.api.FiredrillException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Bounded worker pools: run a task per item, await futures, and make daemon pools. */
public final class Workers {
    private Workers() {
    }

    /** Applies {@code task} to every item, at most {@code parallelism} at a time. */
    public static <T> void forEach(Collection<T> items, int parallelism, Consumer<T> task) {
        if (items.isEmpty()) {
            return;
        }
        if (parallelism <= 1 || items.size() == 1) {
            items.forEach(task);
            return;
        }
        ExecutorService pool = workers("firedrill-read", Math.min(parallelism, items.size()));
        try {
            List<Future<?>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> task.accept(item)));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fixed pool of {@code size} daemon threads named {@code name}, so a stuck worker never holds the JVM. */
    public static ExecutorService workers(String name, int size) {
        return Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for a future, rethrowing its failure unchanged when it is unchecked. */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FiredrillException fe) {
                throw fe;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
