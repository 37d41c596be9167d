package io.firedrill.core.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log file of a local server process, read back to explain a failure: its size, what was written since an
 * offset (to look at one start attempt only), and its last lines. A missing or unreadable file reads as empty: the
 * log only ever adds detail to an error that is reported anyway.
 */
public final class ServerLog {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLog.class);
    private static final int TAIL_BYTES = 256 * 1024;

    private final Path file;

    private ServerLog(Path file) {
        this.file = file;
    }

    /** The log at {@code file}; {@code null} stands for a server that has no log yet. */
    public static ServerLog at(Path file) {
        return new ServerLog(file);
    }

    /** The file's length, or 0 when there is none. */
    public long size() {
        try {
            return file == null ? 0 : Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** What was written from {@code offset} on, or an empty string. */
    public String since(long offset) {
        if (file == null) {
            return "";
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = (int) Math.min(offset, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines (read from at most the last 256 KiB), or an empty string. */
    public String tail(int lines) {
        if (file == null || !Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    /** Deletes a server's run directory (its log, socket, pid file), logging rather than failing when it cannot. */
    public static void deleteRunDirectory(Path runDir) {
        if (runDir == null) {
            return;
        }
        try {
            PathUtils.deleteDirectory(runDir);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", runDir, e.toString());
        }
    }
}
