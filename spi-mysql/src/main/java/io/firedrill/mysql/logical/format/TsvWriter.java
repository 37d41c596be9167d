package io.firedrill.mysql.logical.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes rows of a data stream with {@link TsvCodec}'s escaping into its own buffer, handing the output whole
 * buffers: a table of millions of rows costs one table lookup per byte and one write per 64 KiB, not a call per
 * field. Not thread-safe; {@link #close()} flushes and closes the target.
 */
public final class TsvWriter implements AutoCloseable {
    private static final int SIZE = 1 << 16;
    private static final byte[] ESCAPE = new byte[256];

    static {
        ESCAPE['\\'] = '\\';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE[0] = '0';
    }

    private final OutputStream out;
    private final byte[] buffer = new byte[SIZE];
    private int position;
    private boolean firstField = true;

    /** @param out the stream, closed by {@link #close()} */
    public TsvWriter(OutputStream out) {
        this.out = out;
    }

    /** Appends one field of the current row; {@code null} is SQL NULL. */
    public void field(byte[] value) throws IOException {
        if (!firstField) {
            put((byte) '\t');
        }
        firstField = false;
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return;
        }
        for (byte b : value) {
            byte escape = ESCAPE[b & 0xff];
            if (position + 2 > SIZE) {
                flush();
            }
            if (escape == 0 && b != 0) {
                buffer[position++] = b;
            } else {
                buffer[position++] = '\\';
                buffer[position++] = escape;
            }
        }
    }

    /** Ends the current row. */
    public void endRow() throws IOException {
        put((byte) '\n');
        firstField = true;
    }

    private void put(byte b) throws IOException {
        if (position == SIZE) {
            flush();
        }
        buffer[position++] = b;
    }

    private void flush() throws IOException {
        out.write(buffer, 0, position);
        position = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
