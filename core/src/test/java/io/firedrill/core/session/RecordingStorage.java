package io.firedrill.core.session;

import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Passes every call through and records the mutations that reached the wrapped storage, in order. Also counts,
 * per top-level prefix ({@code data/}, {@code index/}…), the objects put, their bytes, the bytes read back and the
 * reads (whole or ranged) issued; {@link #reset()} starts new counts.
 */
final class RecordingStorage implements Storage {
    private final Storage delegate;
    private final List<String> landed = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> puts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> putBytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> readBytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> reads = new ConcurrentHashMap<>();

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

    /** Reads (whole or ranged) of objects under {@code prefix} since the last reset. */
    long reads(String prefix) {
        return count(reads, prefix);
    }

    /** Starts new counts (the record of landed mutations stays). */
    void reset() {
        reads.clear();
        puts.clear();
        putBytes.clear();
        readBytes.clear();
    }

    private static long count(Map<String, AtomicLong> counts, String prefix) {
        AtomicLong n = counts.get(prefix);
        return n == null ? 0 : n.get();
    }

    private void counted(String name, long bytes) {
        int slash = name.indexOf('/');
        String prefix = slash < 0 ? name : name.substring(0, slash + 1);
        puts.computeIfAbsent(prefix, k -> new AtomicLong()).incrementAndGet();
        putBytes.computeIfAbsent(prefix, k -> new AtomicLong()).addAndGet(bytes);
    }

    private InputStream reading(String name, InputStream in) {
        int slash = name.indexOf('/');
        String prefix = slash < 0 ? name : name.substring(0, slash + 1);
        reads.computeIfAbsent(prefix, k -> new AtomicLong()).incrementAndGet();
        AtomicLong n = readBytes.computeIfAbsent(prefix, k -> new AtomicLong());
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
    public Set<StorageFeature> features() {
        return delegate.features();
    }

    @Override
    public void put(String name, Payload content) {
        delegate.put(name, content);
        landed.add("put " + name);
        counted(name, content.length());
    }

    @Override
    public boolean putIfAbsent(String name, Payload content) {
        boolean created = delegate.putIfAbsent(name, content);
        if (created) {
            landed.add("put " + name);
            counted(name, content.length());
        }
        return created;
    }

    @Override
    public InputStream get(String name) {
        return reading(name, delegate.get(name));
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        return reading(name, delegate.get(name, offset, length));
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
