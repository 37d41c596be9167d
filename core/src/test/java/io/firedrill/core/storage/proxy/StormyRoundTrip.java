package io.firedrill.core.storage.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.ReadData;
import io.firedrill.api.VerifyReport;
import io.firedrill.core.session.Trees;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The storage tests' end-to-end run under faults: init a repository, back a directory up, verify it reading all
 * data, restore it and compare byte for byte, all through a {@link ChaosProxy}; then assert that every kind of
 * fault actually happened, so a calm run cannot pass for a stormy one.
 */
public final class StormyRoundTrip {
    private StormyRoundTrip() {
    }

    /**
     * Runs the round trip.
     *
     * @param configuration a repository whose storage talks to {@code proxy}
     * @param encryption the new repository's encryption (a fast KDF keeps the test short)
     * @param source the directory backed up
     * @param restored where it is restored; must not exist yet
     * @param proxy the proxy the storage talks to, whose counts are checked at the end
     */
    public static void run(FluentConfiguration configuration, Encryption encryption, Path source, Path restored,
                           ChaosProxy proxy) throws IOException {
        BackupResult backup;
        try (Firedrill firedrill = configuration.init(encryption)) {
            backup = firedrill.backup().directory(source).run();
        }
        try (Firedrill firedrill = configuration.load()) {
            VerifyReport report = firedrill.verify().readData(ReadData.all()).run();
            assertTrue(report.healthy(), report.problems().toString());
            firedrill.restore().backup(backup.backup().id()).to(restored).run();
        }
        Trees.assertSameTree(source, restored);
        for (ChaosProxy.Fault fault : ChaosProxy.Fault.values()) {
            assertTrue(proxy.injected(fault) > 0, fault + " never happened in " + proxy.requests() + " requests");
        }
    }
}
