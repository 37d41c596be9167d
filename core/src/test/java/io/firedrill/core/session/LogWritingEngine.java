package io.firedrill.core.session;

import io.firedrill.api.ProgressListener;
import io.firedrill.api.RecoveryReport;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.spi.DataTree;
import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.EngineProvider;
import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.api.spi.Recovery;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database engine without a database, for tests of what the core does with engine backups: a physical
 * backup copies one directory, archives two new "log files" into its stream (dropping the {@code .partial} of a
 * file once it is complete) and the start of the next one as a {@code .partial},
 * and records the stream and a {@code label} file in its details, as real engines do.
 */
final class LogWritingEngine implements EngineProvider {
    static final String KIND = "logwriting-physical";
    private final Path data;
    private final String stream;
    private final AtomicInteger segment = new AtomicInteger();

    /**
     * @param data the directory each backup copies
     * @param stream the log stream its files go to
     */
    LogWritingEngine(Path data, String stream) {
        this.data = data;
        this.stream = stream;
    }

    /** The connection this engine claims. */
    static String connection() {
        return "jdbc:logwriting://db";
    }

    /** The content of archived log file number {@code n}: 200 KiB of seeded bytes. */
    static byte[] segment(int n) {
        byte[] bytes = new byte[200 * 1024];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    /** The name of archived log file number {@code n}. */
    static String segmentName(int n) {
        return String.format("%08d", n);
    }

    @Override
    public String id() {
        return "logwriting";
    }

    @Override
    public boolean supports(String connection) {
        return connection.startsWith("jdbc:logwriting:");
    }

    @Override
    public boolean recovers(String backupKind) {
        return KIND.equals(backupKind);
    }

    @Override
    public Engine open(String connection) {
        return new Engine() {
            @Override
            public String id() {
                return "logwriting";
            }

            @Override
            public PhysicalBackup startBackup(EngineContext context) {
                return new Backup(context.logs());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Recovery recovery() {
        return new Recovery() {
            @Override
            public void check(RecoveryTarget target, Map<String, Object> details, LogStore logs) {
            }

            @Override
            public RecoveryReport recover(Path dataDirectory, Map<String, Object> details, RecoveryTarget target,
                                          OptionalInt port, LogStore logs, ProgressListener listener) {
                throw new AssertionError("the tests restore files only");
            }
        };
    }

    private final class Backup implements PhysicalBackup {
        private final LogStore logs;

        Backup(LogStore logs) {
            this.logs = logs;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String logStream() {
            return stream;
        }

        @Override
        public List<DataTree> trees() {
            return List.of(new DataTree("data", data, path -> false));
        }

        @Override
        public Result finish() {
            for (int i = 0; i < 2; i++) {
                int n = segment.incrementAndGet();
                logs.put(stream, segmentName(n), new ByteArrayInputStream(segment(n)));
                logs.delete(stream, segmentName(n) + ".partial");
            }
            byte[] partial = segment(segment.get() + 1);
            logs.put(stream, segmentName(segment.get() + 1) + ".partial",
                    new ByteArrayInputStream(partial, 0, 1000 * segment.get()));
            return new Result(Map.of("segment", segmentName(segment.get())),
                    Map.of("stream", stream, "segment", segment.get()),
                    Map.of("label", ("backup up to " + segment.get()).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void close() {
        }
    }
}
