package io.firedrill.core.storage.memory;

import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A storage that keeps objects in the heap: for tests and for the test kit. Every feature is supported
 * and every operation is atomic. Contents vanish with the JVM.
 */
public final class MemoryStorage implements Storage {
    private final String name;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    /** @param name a label for messages */
    public MemoryStorage(String name) {
        this.name = name;
    }

    @Override
    public Set<StorageFeature> features() {
        return EnumSet.allOf(StorageFeature.class);
    }

    @Override
    public void put(String objectName, Payload content) {
        objects.put(objectName, read(objectName, content));
    }

    @Override
    public boolean putIfAbsent(String objectName, Payload content) {
        return objects.putIfAbsent(objectName, read(objectName, content)) == null;
    }

    @Override
    public InputStream get(String objectName) {
        return new ByteArrayInputStream(bytes(objectName));
    }

    @Override
    public InputStream get(String objectName, long offset, long length) {
        byte[] data = bytes(objectName);
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " lies outside " + objectName
                    + " (" + data.length + " bytes)");
        }
        return new ByteArrayInputStream(data, (int) offset, (int) length);
    }

    @Override
    public Optional<ObjectInfo> head(String objectName) {
        byte[] data = objects.get(objectName);
        return data == null ? Optional.empty() : Optional.of(new ObjectInfo(objectName, data.length));
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        objects.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                receiver.accept(new ObjectInfo(key, value.length));
            }
        });
    }

    @Override
    public void delete(String objectName) {
        objects.remove(objectName);
    }

    @Override
    public String describe() {
        return "mem:" + name;
    }

    private byte[] bytes(String objectName) {
        byte[] data = objects.get(objectName);
        if (data == null) {
            throw new ObjectNotFoundException(objectName, describe());
        }
        return data;
    }

    private byte[] read(String objectName, Payload content) {
        try (InputStream in = content.open()) {
            byte[] data = in.readAllBytes();
            if (data.length != content.length()) {
                throw new StorageException("payload for " + objectName + " yielded " + data.length
                        + " bytes instead of the announced " + content.length(), null, false, null);
            }
            return data;
        } catch (IOException e) {
            throw new StorageException("cannot read the payload for " + objectName, null, false, e);
        }
    }
}
