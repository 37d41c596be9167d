package io.firedrill.api.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The content of an object to store: its length, and a way to read it, as often as a retrying storage
 * needs.
 */
public interface Payload {

    /** The exact number of bytes {@link #open()} yields. */
    long length();

    /** Opens a fresh stream over the whole content. The caller closes it. */
    InputStream open();

    /** A payload over a byte array, which must not change afterwards. */
    static Payload of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return of(bytes, 0, bytes.length);
    }

    /** A payload over part of a byte array, which must not change afterwards. */
    static Payload of(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new Payload() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes, offset, length);
            }
        };
    }

    /** A payload over a file, which must not change afterwards. */
    static Payload of(Path file) {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
        return new Payload() {
            @Override
            public long length() {
                return size;
            }

            @Override
            public InputStream open() {
                try {
                    return Files.newInputStream(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open " + file, e);
                }
            }
        };
    }
}
