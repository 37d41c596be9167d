package io.firedrill.examples.benchmark;

import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.InputStream;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Passes every call to a storage and counts the calls by operation, for "requests per GiB" figures. */
final class CountingStorage implements Storage {

    /** The storage operations counted. */
    enum Operation { PUT, GET, RANGED_GET, HEAD, LIST, DELETE }

    private final Storage inner;
    private final Map<Operation, AtomicLong> calls = new EnumMap<>(Operation.class);

    CountingStorage(Storage inner) {
        this.inner = inner;
        for (Operation operation : Operation.values()) {
            calls.put(operation, new AtomicLong());
        }
    }

    /** A provider handing out this storage for any URI of scheme {@code scheme}. */
    io.firedrill.api.spi.StorageProvider provider(String scheme) {
        CountingStorage self = this;
        return new io.firedrill.api.spi.StorageProvider() {
            @Override
            public String scheme() {
                return scheme;
            }

            @Override
            public Storage open(URI uri) {
                return self;
            }
        };
    }

    /** The calls so far, by operation. */
    Map<Operation, Long> snapshot() {
        Map<Operation, Long> out = new EnumMap<>(Operation.class);
        calls.forEach((operation, count) -> out.put(operation, count.get()));
        return out;
    }

    @Override
    public Set<StorageFeature> features() {
        return inner.features();
    }

    @Override
    public void put(String name, Payload content) {
        calls.get(Operation.PUT).incrementAndGet();
        inner.put(name, content);
    }

    @Override
    public boolean putIfAbsent(String name, Payload content) {
        calls.get(Operation.PUT).incrementAndGet();
        return inner.putIfAbsent(name, content);
    }

    @Override
    public InputStream get(String name) {
        calls.get(Operation.GET).incrementAndGet();
        return inner.get(name);
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        calls.get(Operation.RANGED_GET).incrementAndGet();
        return inner.get(name, offset, length);
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        calls.get(Operation.HEAD).incrementAndGet();
        return inner.head(name);
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        calls.get(Operation.LIST).incrementAndGet();
        inner.list(prefix, receiver);
    }

    @Override
    public void delete(String name) {
        calls.get(Operation.DELETE).incrementAndGet();
        inner.delete(name);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
