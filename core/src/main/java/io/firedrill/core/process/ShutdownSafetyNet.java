package io.firedrill.core.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes every database server process still open when the JVM shuts down, so a forgotten {@code close()} leaves
 * no server behind. (A JVM killed with SIGKILL runs no hook; nothing can help there.)
 */
public final class ShutdownSafetyNet {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSafetyNet.class);
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static boolean installed;

    private ShutdownSafetyNet() {
    }

    /** Watches a process until {@link #unregister}. */
    public static synchronized void register(AutoCloseable process) {
        OPEN.add(process);
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSafetyNet::closeAll, "firedrill-server-shutdown"));
            installed = true;
        }
    }

    /** Stops watching a process (it was closed). */
    public static void unregister(AutoCloseable process) {
        OPEN.remove(process);
    }

    private static void closeAll() {
        for (AutoCloseable process : OPEN.toArray(AutoCloseable[]::new)) {
            try {
                process.close();
            } catch (Exception e) {
                LOG.warn("could not stop {} at JVM shutdown: {}", process, e.getMessage());
            }
        }
    }
}
