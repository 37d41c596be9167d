package io.firedrill.core.session;

import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Passes every call through and records the mutations that reached the wrapped storage, in order. */
final class RecordingStorage implements Storage {
    private final Storage delegate;
    private final List<String> landed = new CopyOnWriteArrayList<>();

    RecordingStorage(Storage delegate) {
        this.delegate = delegate;
    }

    /** "put name" / "delete name" for every mutation that completed on the wrapped storage. */
    List<String> landed() {
        return List.copyOf(landed);
    }

    /** Whether a put of an object whose name starts with {@code prefix} completed. */
    boolean putLanded(String prefix) {
        return landed.stream().anyMatch(m -> m.startsWith("put " + prefix));
    }

    @Override
    public Set<StorageFeature> features() {
        return delegate.features();
    }

    @Override
    public void put(String name, Payload content) {
        delegate.put(name, content);
        landed.add("put " + name);
    }

    @Override
    public boolean putIfAbsent(String name, Payload content) {
        boolean created = delegate.putIfAbsent(name, content);
        if (created) {
            landed.add("put " + name);
        }
        return created;
    }

    @Override
    public InputStream get(String name) {
        return delegate.get(name);
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        return delegate.get(name, offset, length);
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        return delegate.head(name);
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        delegate.list(prefix, receiver);
    }

    @Override
    public void delete(String name) {
        delegate.delete(name);
        landed.add("delete " + name);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
