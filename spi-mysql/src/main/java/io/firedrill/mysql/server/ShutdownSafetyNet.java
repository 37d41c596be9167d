package io.firedrill.mysql.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes every {@link MysqlProcess} still open when the JVM shuts down, so a forgotten {@code close()} leaves no
 * mysqld or mariadbd behind. (A JVM killed with SIGKILL runs no hook; nothing can help there.)
 */
final class ShutdownSafetyNet {
    private static final Set<MysqlProcess> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private ShutdownSafetyNet() {}

    static void register(MysqlProcess process) {
        hook();
        OPEN.add(process);
    }

    static void unregister(MysqlProcess process) {
        OPEN.remove(process);
    }

    private static synchronized void hook() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSafetyNet::closeAll, "firedrill-mysql-shutdown"));
            hooked = true;
        }
    }

    private static void closeAll() {
        for (MysqlProcess process : OPEN.toArray(MysqlProcess[]::new)) {
            try {
                process.close();
            } catch (RuntimeException e) {
                System.err.println("Firedrill: could not stop the server in " + process.dataDir() + ": " + e.getMessage());
            }
        }
    }
}
