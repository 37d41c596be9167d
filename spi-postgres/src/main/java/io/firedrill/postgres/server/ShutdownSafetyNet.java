package io.firedrill.postgres.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes every {@link PostgresProcess} still open when the JVM shuts down, so a forgotten {@code close()} leaves
 * no postmaster behind. (A JVM killed with SIGKILL runs no hook; nothing can help there.)
 */
final class ShutdownSafetyNet {
    private static final Set<PostgresProcess> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private ShutdownSafetyNet() {}

    static void register(PostgresProcess process) {
        hook();
        OPEN.add(process);
    }

    static void unregister(PostgresProcess process) {
        OPEN.remove(process);
    }

    private static synchronized void hook() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSafetyNet::closeAll, "firedrill-postgres-shutdown"));
            hooked = true;
        }
    }

    private static void closeAll() {
        for (PostgresProcess process : OPEN.toArray(PostgresProcess[]::new)) {
            try {
                process.close();
            } catch (RuntimeException e) {
                System.err.println("Firedrill: could not stop PostgreSQL in " + process.dataDir() + ": " + e.getMessage());
            }
        }
    }
}
