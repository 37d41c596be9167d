package io.firedrill.examples.benchmark;

import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Passes every call to another storage and counts calls per kind, bytes written and bytes read. */
final class CountingStorage implements Storage {
    /** The kinds of calls counted. */
    enum Call { PUT, PUT_IF_ABSENT, GET, RANGED_GET, HEAD, LIST, DELETE }

    private final Storage delegate;
    private final Map<Call, AtomicLong> calls = new EnumMap<>(Call.class);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();

    CountingStorage(Storage delegate) {
        this.delegate = delegate;
        for (Call call : Call.values()) {
            calls.put(call, new AtomicLong());
        }
    }

    /** The counts since the last reset, and resets them. */
    Counts takeCounts() {
        Map<Call, Long> snapshot = new EnumMap<>(Call.class);
        calls.forEach((call, count) -> snapshot.put(call, count.getAndSet(0)));
        return new Counts(snapshot, written.getAndSet(0), read.getAndSet(0));
    }

    /** Calls per kind, and payload bytes moved. */
    record Counts(Map<Call, Long> calls, long bytesWritten, long bytesRead) {
        long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        long of(Call call) {
            return calls.get(call);
        }
    }

    private void count(Call call) {
        calls.get(call).incrementAndGet();
    }

    @Override
    public Set<StorageFeature> features() {
        return delegate.features();
    }

    @Override
    public void put(String name, Payload content) {
        count(Call.PUT);
        delegate.put(name, content);
        written.addAndGet(content.length());
    }

    @Override
    public boolean putIfAbsent(String name, Payload content) {
        count(Call.PUT_IF_ABSENT);
        boolean created = delegate.putIfAbsent(name, content);
        written.addAndGet(content.length());
        return created;
    }

    @Override
    public InputStream get(String name) {
        count(Call.GET);
        return counted(delegate.get(name));
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        count(Call.RANGED_GET);
        return counted(delegate.get(name, offset, length));
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        count(Call.HEAD);
        return delegate.head(name);
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        count(Call.LIST);
        delegate.list(prefix, receiver);
    }

    @Override
    public void delete(String name) {
        count(Call.DELETE);
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

    private InputStream counted(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    read.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }
        };
    }
}
