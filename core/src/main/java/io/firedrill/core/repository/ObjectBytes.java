package io.firedrill.core.repository;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Storage;
import java.io.IOException;
import java.io.InputStream;

/** Reads small whole objects (metadata) from a storage, mapping I/O failures to {@link StorageException}. */
public final class ObjectBytes {
    private ObjectBytes() {
    }

    /** The whole object. */
    public static byte[] read(Storage storage, String name) {
        try (InputStream in = storage.get(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw readFailed(storage, name, e);
        }
    }

    /** Reads a byte range of an object into {@code target} from index 0. */
    public static void readInto(Storage storage, String name, long offset, int length, byte[] target) {
        try (InputStream in = storage.get(name, offset, length)) {
            int n = in.readNBytes(target, 0, length);
            if (n != length) {
                throw truncated(storage, name, offset, length, n);
            }
        } catch (IOException e) {
            throw readFailed(storage, name, e);
        }
    }

    /** The error of a range that ended after {@code got} of its {@code length} bytes. */
    public static StorageException truncated(Storage storage, String name, long offset, int length, int got) {
        return new StorageException("object " + name + " in " + storage.describe() + " ended after "
                + got + " of " + length + " bytes at offset " + offset,
                "the object is truncated: run verify() to see which backups this affects", false, null);
    }

    /** The error of a read that failed. */
    public static StorageException readFailed(Storage storage, String name, IOException e) {
        return new StorageException("reading " + name + " from " + storage.describe() + " failed: " + e.getMessage(),
                "check that the storage is reachable, then retry", true, e);
    }

    /** A byte range of an object. */
    public static byte[] read(Storage storage, String name, long offset, int length) {
        try (InputStream in = storage.get(name, offset, length)) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw truncated(storage, name, offset, length, bytes.length);
            }
            return bytes;
        } catch (IOException e) {
            throw readFailed(storage, name, e);
        }
    }
}
