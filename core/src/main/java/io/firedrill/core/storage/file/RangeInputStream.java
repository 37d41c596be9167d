package io.firedrill.core.storage.file;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/** Reads a fixed number of bytes from a file channel's current position; closing it closes the channel. */
final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private final String name;
    private long remaining;

    RangeInputStream(FileChannel channel, long length, String name) {
        this.channel = channel;
        this.remaining = length;
        this.name = name;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (remaining <= 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)));
        if (n < 0) {
            throw new EOFException("object " + name + " ended " + remaining
                    + " bytes before the requested range; it was truncated or replaced while being read");
        }
        remaining -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
