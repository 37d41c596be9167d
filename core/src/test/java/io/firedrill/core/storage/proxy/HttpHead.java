package io.firedrill.core.storage.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The start line and headers of one HTTP/1.1 message, as a proxy needs them: read from a stream, written back
 * (optionally without some headers), and the body's framing (fixed length, chunked, or until the connection
 * closes).
 */
final class HttpHead {
    private static final int MAX_HEAD = 64 * 1024;

    private final String startLine;
    private final List<String[]> headers;

    private HttpHead(String startLine, List<String[]> headers) {
        this.startLine = startLine;
        this.headers = headers;
    }

    /** Reads a head, or returns {@code null} when the stream ends cleanly before its first byte. */
    static HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (bytes.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside an HTTP head");
            }
            bytes.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (bytes.size() > MAX_HEAD) {
                throw new IOException("HTTP head longer than " + MAX_HEAD + " bytes");
            }
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        return new HttpHead(lines[0], headers);
    }

    String startLine() {
        return startLine;
    }

    /** A request's method. */
    String method() {
        return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
    }

    /** A response's status code. */
    int status() {
        String[] parts = startLine.split(" ", 3);
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    boolean chunked() {
        String te = header("Transfer-Encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** The Content-Length, or -1 when absent. */
    long contentLength() {
        String cl = header("Content-Length");
        return cl == null ? -1 : Long.parseLong(cl.trim());
    }

    boolean closesConnection() {
        String c = header("Connection");
        return c != null && c.equalsIgnoreCase("close");
    }

    /** Writes the head, leaving out the headers {@code drop} matches (by lower-case name). */
    void write(OutputStream out, Predicate<String> drop) throws IOException {
        StringBuilder text = new StringBuilder(startLine).append("\r\n");
        for (String[] h : headers) {
            if (!drop.test(h[0].toLowerCase(Locale.ROOT))) {
                text.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
        }
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Copies the body that follows this head from {@code in} to {@code out}, at most {@code limit} bytes of it.
     *
     * @param untilClose whether a body without length runs to the end of the connection (responses)
     * @return whether the whole body was copied
     */
    boolean copyBody(InputStream in, OutputStream out, boolean untilClose, long limit) throws IOException {
        if (chunked()) {
            return copyChunked(in, out, limit);
        }
        long length = contentLength();
        if (length < 0) {
            return !untilClose || copy(in, out, Long.MAX_VALUE, limit) < limit;
        }
        return copy(in, out, length, limit) == length;
    }

    private static boolean copyChunked(InputStream in, OutputStream out, long limit) throws IOException {
        long copied = 0;
        while (true) {
            String sizeLine = line(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = line(in);
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                return true;
            }
            long n = copy(in, out, size, limit - copied);
            copied += n;
            if (n != size) {
                return false;
            }
            out.write((line(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Copies {@code length} bytes, or up to the end of the stream when {@code Long.MAX_VALUE}, but no more than
     * {@code limit}; returns how many were copied.
     */
    private static long copy(InputStream in, OutputStream out, long length, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        long target = Math.min(length, limit);
        while (copied < target) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, target - copied));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    break;
                }
                throw new EOFException("connection closed inside an HTTP body");
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        out.flush();
        return copied;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (previous == '\r' && b == '\n') {
                line.setLength(line.length() - 1);
                return line.toString();
            }
            line.append((char) b);
            previous = b;
        }
    }
}
