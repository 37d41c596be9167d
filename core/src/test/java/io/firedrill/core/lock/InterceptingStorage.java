package io.firedrill.core.lock;

import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A {@link MemoryStorage} whose tests can make puts fail, make objects vanish between listing and reading,
 * and add random latency to widen race windows.
 */
final class InterceptingStorage implements Storage {
    final MemoryStorage inner = new MemoryStorage("locks-test");
    final Set<String> vanishOnRead = ConcurrentHashMap.newKeySet();
    final AtomicInteger puts = new AtomicInteger();
    volatile boolean failPuts;
    volatile int maxLatencyMicros;

    @Override
    public Set<StorageFeature> features() {
        return inner.features();
    }

    @Override
    public void put(String name, Payload content) {
        pause();
        if (failPuts) {
            throw new StorageException("injected failure writing " + name, null, true, null);
        }
        puts.incrementAndGet();
        inner.put(name, content);
        pause();
    }

    @Override
    public InputStream get(String name) {
        pause();
        if (vanishOnRead.contains(name)) {
            throw new ObjectNotFoundException(name, describe());
        }
        return inner.get(name);
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        return inner.head(name);
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        pause();
        inner.list(prefix, receiver);
        pause();
    }

    @Override
    public void delete(String name) {
        pause();
        inner.delete(name);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    private void pause() {
        int max = maxLatencyMicros;
        if (max > 0) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(max + 1) * 1000);
        }
    }
}
