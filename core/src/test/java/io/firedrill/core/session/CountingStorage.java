package io.firedrill.core.session;

import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Passes every call through and counts, per top-level prefix ({@code data/}, {@code index/}…), the objects
 * put and their bytes, and the bytes read back. {@link #reset()} starts a new count.
 */
final class CountingStorage implements Storage {
    private final Storage delegate;
    private final Map<String, AtomicLong> puts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> putBytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> readBytes = new ConcurrentHashMap<>();

    CountingStorage(Storage delegate) {
        this.delegate = delegate;
    }

    /** Objects put under {@code prefix} since the last reset. */
    long puts(String prefix) {
        return count(puts, prefix);
    }

    /** Bytes put under {@code prefix} since the last reset. */
    long putBytes(String prefix) {
        return count(putBytes, prefix);
    }

    /** Bytes read from objects under {@code prefix} since the last reset. */
    long readBytes(String prefix) {
        return count(readBytes, prefix);
    }

    void reset() {
        puts.clear();
        putBytes.clear();
        readBytes.clear();
    }

    private static long count(Map<String, AtomicLong> counts, String prefix) {
        AtomicLong n = counts.get(prefix);
        return n == null ? 0 : n.get();
    }

    private static String prefix(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash + 1);
    }

    @Override
    public Set<StorageFeature> features() {
        return delegate.features();
    }

    @Override
    public void put(String name, Payload content) {
        delegate.put(name, content);
        puts.computeIfAbsent(prefix(name), k -> new AtomicLong()).incrementAndGet();
        putBytes.computeIfAbsent(prefix(name), k -> new AtomicLong()).addAndGet(content.length());
    }

    @Override
    public boolean putIfAbsent(String name, Payload content) {
        boolean created = delegate.putIfAbsent(name, content);
        if (created) {
            puts.computeIfAbsent(prefix(name), k -> new AtomicLong()).incrementAndGet();
            putBytes.computeIfAbsent(prefix(name), k -> new AtomicLong()).addAndGet(content.length());
        }
        return created;
    }

    @Override
    public InputStream get(String name) {
        return counted(name, delegate.get(name));
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        return counted(name, delegate.get(name, offset, length));
    }

    private InputStream counted(String name, InputStream in) {
        AtomicLong n = readBytes.computeIfAbsent(prefix(name), k -> new AtomicLong());
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    n.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) {
                    n.addAndGet(r);
                }
                return r;
            }
        };
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
